import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, waitFor, wsUri } from './util';

describe('JSON schema (contributes.jsonValidation)', () => {
  before(async () => {
    await activeExtension();
  });

  it('maps appsettings*.json to JSON with Comments, as .NET reads them', async () => {
    const doc = await vscode.workspace.openTextDocument(wsUri('FixMe/appsettings.json'));
    assert.equal(doc.languageId, 'jsonc');
  });

  it('completes identity keys inside AzureAd, and flags none of the keys other libraries own', async () => {
    const doc = await vscode.workspace.openTextDocument(wsUri('CleanApi/appsettings.json'));
    await vscode.window.showTextDocument(doc);
    const line = doc.getText().split('\n').findIndex((l) => l.includes('"ClientCredentials"'));
    const pos = new vscode.Position(line, 4); // start of a key inside the AzureAd object
    const labels = await waitFor('schema completions from the JSON language server', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
      const l = (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return l.some((x) => x.includes('SendX5C')) ? l : undefined;
    }, 30_000);
    assert.ok(labels.some((x) => x.includes('AzureRegion')), labels.join(', '));
    // The JSON server has validated the file by now; Logging, AllowedHosts, MyCompany are not ours to judge.
    const json = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source !== 'Entra App Doctor');
    assert.deepEqual(json.map((d) => d.message), []);
  });
});
