import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ruleDocsUrl } from '../../src/core/lint/index';
import { activeExtension, wsUri } from './util';

async function hoverText(relative: string, needle: string, delta = 2): Promise<string> {
  const doc = await vscode.workspace.openTextDocument(wsUri(relative));
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" in ${relative}`);
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(at + delta))) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n----\n');
}

describe('Hovers', () => {
  before(async () => {
    await activeExtension();
  });

  it('explains a v1 resource scope: resource, derived audience and the missing second slash', async () => {
    const text = await hoverText('SqlWorker/appsettings.json', '"https://database.windows.net/.default"', 5);
    assert.ok(text.includes('**Scope** `https://database.windows.net/.default`'), text);
    assert.ok(text.includes('Azure SQL Database'), text);
    assert.ok(text.includes('(everything before the last slash): `https://database.windows.net`'), text);
    assert.ok(text.includes('`https://database.windows.net//.default`'), text);
    assert.ok(text.includes(ruleDocsUrl('scope/v1-trailing-slash')), text);
  });

  it('explains a single permission used as a scope and points to /.default', async () => {
    const text = await hoverText('DaemonGraph/appsettings.json', '"https://graph.microsoft.com/User.Read.All"', 5);
    assert.ok(text.includes('A single permission (`User.Read.All`)'), text);
    assert.ok(text.includes('`https://graph.microsoft.com/.default`'), text);
    assert.ok(text.includes('Cloud: Azure public'), text);
  });

  it('explains ClientId with links to the app registration and the admin consent URL', async () => {
    const text = await hoverText('CleanApi/appsettings.json', '"8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d"');
    assert.ok(text.includes('**ClientId** `8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d`'), text);
    assert.ok(text.includes('https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d'), text);
    assert.ok(text.includes('https://login.microsoftonline.com/3f2a8c1e-5b7d-4e9a-8c21-6d4f0b9e7a13/adminconsent?client_id=8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d'), text);
  });

  it('explains Instance with its cloud and TenantId with the token endpoint', async () => {
    const instance = await hoverText('CleanApi/appsettings.json', '"https://login.microsoftonline.com/"');
    assert.ok(instance.includes('**Instance**') && instance.includes('Cloud: Azure public'), instance);
    const tenant = await hoverText('CleanApi/appsettings.json', '"3f2a8c1e-5b7d-4e9a-8c21-6d4f0b9e7a13"');
    assert.ok(tenant.includes('`https://login.microsoftonline.com/3f2a8c1e-5b7d-4e9a-8c21-6d4f0b9e7a13/oauth2/v2.0/token`'), tenant);
  });

  it('explains the scope under the cursor in the old space-separated string form', async () => {
    const text = await hoverText('LegacyWorker/appsettings.json', 'Mail.Read', 2);
    assert.ok(text.includes('**Scope** `https://graph.microsoft.com/Mail.Read`'), text);
    assert.ok(!text.includes('User.Read`'), text);
  });

  it('has no Entra hover on unrelated values', async () => {
    const text = await hoverText('CleanApi/appsettings.json', '"Information"');
    assert.ok(!text.includes('**Scope**') && !text.includes('**ClientId**'), text);
  });
});
