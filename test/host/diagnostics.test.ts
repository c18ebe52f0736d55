import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ruleDocsUrl } from '../../src/core/lint/index';
import { activeExtension, entraDiagnostics, lineOf, open, ruleOf, rulesAt, SOURCE, waitFor, waitForRule, wsUri } from './util';

describe('Diagnostics in a workspace with several apps', () => {
  before(async () => {
    const api = await activeExtension();
    await api.whenScanned();
  });

  it('lints appsettings files in the background, without opening them', async () => {
    const uri = wsUri('DaemonGraph/appsettings.json');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the file must not be open for this test');
    const d = await waitForRule(uri, 'scope/missing-default');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.range.start.line, 16, 'on the Scopes line of DownstreamApis:MicrosoftGraph');
    await waitForRule(wsUri('SqlWorker/appsettings.json'), 'scope/v1-trailing-slash');
  });

  it('judges an overlay with its base file (RequestAppToken comes from appsettings.json)', async () => {
    const d = await waitForRule(wsUri('DaemonGraph/appsettings.Development.json'), 'scope/missing-default');
    assert.equal(d.range.start.line, 5);
  });

  it('leaves a correct configuration alone and skips node_modules and bin', async () => {
    // The background scan is complete (before hook), so "nothing" here is a final answer.
    assert.deepEqual(rulesAt(wsUri('CleanApi/appsettings.json')), []);
    assert.deepEqual(entraDiagnostics(wsUri('node_modules/contoso-config/appsettings.json')), []);
    assert.deepEqual(entraDiagnostics(wsUri('DaemonGraph/bin/Debug/net8.0/appsettings.json')), []);
  });

  it('gives each diagnostic its source, rule id with a docs link, and an exact range', async () => {
    const uri = wsUri('SqlWorker/appsettings.json');
    const d = await waitForRule(uri, 'scope/v1-trailing-slash');
    assert.equal(d.source, SOURCE);
    assert.ok(typeof d.code === 'object', 'code carries a target link');
    assert.equal(String(d.code.value), 'scope/v1-trailing-slash');
    assert.equal(d.code.target.toString(true), ruleDocsUrl('scope/v1-trailing-slash'));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(d.range.start.line, lineOf(doc, 'https://database.windows.net/.default'));
    assert.match(doc.getText(d.range), /database\.windows\.net/);
  });

  it('points to the place a finding depends on (relatedInformation)', async () => {
    const uri = wsUri('GovDaemon/appsettings.json');
    const d = await waitForRule(uri, 'config/cloud-mismatch');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(d.range.start.line, lineOf(doc, '"BaseUrl": "https://graph.microsoft.com/v1.0"'));
    const rel = d.relatedInformation ?? [];
    assert.equal(rel.length, 1);
    assert.equal(rel[0]!.location.uri.toString(), uri.toString());
    assert.equal(rel[0]!.location.range.start.line, lineOf(doc, '"Instance": "https://login.microsoftonline.us/"'));
    assert.match(rel[0]!.message, /US Government/);
  });

  it('refreshes on change, from the unsaved text, both ways', async () => {
    const doc = await open('SqlWorker/appsettings.json');
    const before = await waitForRule(doc.uri, 'scope/v1-trailing-slash');
    const at = doc.positionAt(doc.getText().indexOf('database.windows.net/.default') + 'database.windows.net/'.length);
    const insert = new vscode.WorkspaceEdit();
    insert.insert(doc.uri, at, '/');
    assert.ok(await vscode.workspace.applyEdit(insert));
    assert.ok(doc.isDirty);
    await waitFor('the trailing-slash finding to go away after the edit',
      () => !entraDiagnostics(doc.uri).some((d) => ruleOf(d) === 'scope/v1-trailing-slash'));
    const remove = new vscode.WorkspaceEdit();
    remove.delete(doc.uri, new vscode.Range(at, at.translate(0, 1)));
    assert.ok(await vscode.workspace.applyEdit(remove));
    const again = await waitForRule(doc.uri, 'scope/v1-trailing-slash');
    assert.ok(again.range.isEqual(before.range));
    assert.ok(await doc.save());
  });

  it('shows a file as on disk again when its edited editor is closed without saving', async () => {
    const doc = await open('DaemonGraph/appsettings.json');
    await waitForRule(doc.uri, 'scope/missing-default');
    const at = doc.getText().indexOf('User.Read.All');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'User.Read.All'.length)), '.default');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the finding to go with the unsaved fix', () => !entraDiagnostics(doc.uri).some((d) => ruleOf(d) === 'scope/missing-default'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitForRule(doc.uri, 'scope/missing-default');
  });

  it('follows files created and deleted on disk (file watcher)', async () => {
    const uri = wsUri('SqlWorker/appsettings.Staging.json');
    const text = await vscode.workspace.fs.readFile(wsUri('SqlWorker/appsettings.json'));
    await vscode.workspace.fs.writeFile(uri, text);
    await waitForRule(uri, 'scope/v1-trailing-slash');
    await vscode.workspace.fs.delete(uri);
    await waitFor('diagnostics of the deleted file to be cleared', () => entraDiagnostics(uri).length === 0);
  });
});
