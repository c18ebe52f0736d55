import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, codeActions, open, waitFor, wsUri } from '../util';

describe('Restricted (untrusted) workspace', () => {
  it('is really untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('still activates and lints ("limited" support)', async () => {
    const api = await activeExtension();
    await api.whenScanned();
    const diags = vscode.languages.getDiagnostics(wsUri('Daemon/appsettings.json')).filter((d) => d.source === 'Entra App Doctor');
    assert.ok(diags.some((d) => typeof d.code === 'object' && d.code.value === 'scope/v1-trailing-slash'),
      `lint findings in restricted mode (got: ${diags.map((d) => String(typeof d.code === 'object' ? d.code.value : d.code)).join(', ') || 'none'})`);
  });

  it('does not offer to move a secret (that reads and writes secrets)', async () => {
    const uri = wsUri('Secrets/appsettings.json');
    await open('Secrets/appsettings.json'); // code actions need a loaded model
    const diag = await waitFor('config/secret-in-source in restricted mode', () =>
      vscode.languages.getDiagnostics(uri).find((d) => typeof d.code === 'object' && d.code.value === 'config/secret-in-source'));
    const actions = await codeActions(uri, diag.range);
    assert.ok(!actions.some((a) => a.title === 'Move this secret to .NET user secrets'), actions.map((a) => a.title).join(' | '));
  });

  it('ignores a workspace\'s attempt to allow another authority host', () => {
    const info = vscode.workspace.getConfiguration('entraAppDoctor').inspect<string[]>('allowedAuthorityHosts');
    assert.deepEqual(vscode.workspace.getConfiguration('entraAppDoctor').get('allowedAuthorityHosts'), []);
    assert.equal(info?.workspaceValue, undefined);
  });

  it('offers no token acquisition lens', async () => {
    const doc = await vscode.workspace.openTextDocument(wsUri('Daemon/appsettings.json'));
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100)) ?? [];
    assert.ok(lenses.some((l) => l.command?.title === 'Admin consent URL'), 'offline lenses still shown');
    assert.ok(!lenses.some((l) => l.command?.title === 'Acquire App Token'));
  });
});
