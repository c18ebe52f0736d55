import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, entraDiagnostics, ruleOf, waitFor, waitForRule, wsUri } from './util';

const cfg = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('entraAppDoctor');
const sql = (): vscode.Uri => wsUri('SqlWorker/appsettings.json');
const slashFinding = (): vscode.Diagnostic | undefined => entraDiagnostics(sql()).find((d) => ruleOf(d) === 'scope/v1-trailing-slash');

// Runs last (files run in name order): it changes workspace settings and restores them.
describe('Settings', () => {
  before(async () => {
    await (await activeExtension()).whenScanned();
    await waitForRule(sql(), 'scope/v1-trailing-slash');
  });

  afterEach(async () => {
    for (const key of ['lint.severity', 'lint.exclude', 'lint.enable', 'codeLens.enable']) await cfg().update(key, undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('overrides a rule\'s severity, and "off" drops the rule', async () => {
    assert.equal(slashFinding()?.severity, vscode.DiagnosticSeverity.Error);
    await cfg().update('lint.severity', { 'scope/v1-trailing-slash': 'warning' }, vscode.ConfigurationTarget.Workspace);
    await waitFor('the finding as a warning', () => slashFinding()?.severity === vscode.DiagnosticSeverity.Warning);
    await cfg().update('lint.severity', { 'scope/v1-trailing-slash': 'off' }, vscode.ConfigurationTarget.Workspace);
    await waitFor('the finding to be gone', () => !slashFinding());
    await cfg().update('lint.severity', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor('the finding back as an error', () => slashFinding()?.severity === vscode.DiagnosticSeverity.Error);
  });

  it('skips files matching lint.exclude', async () => {
    const graph = wsUri('DaemonGraph/appsettings.json');
    const overlay = wsUri('DaemonGraph/appsettings.Development.json');
    await waitForRule(graph, 'scope/missing-default');
    await cfg().update('lint.exclude', ['DaemonGraph/**'], vscode.ConfigurationTarget.Workspace);
    await waitFor('DaemonGraph findings to be cleared', () => entraDiagnostics(graph).length === 0 && entraDiagnostics(overlay).length === 0);
    await waitForRule(sql(), 'scope/v1-trailing-slash'); // other files still linted
  });

  it('codeLens.enable = false hides the lenses', async () => {
    const uri = wsUri('CleanApi/appsettings.json');
    await vscode.workspace.openTextDocument(uri);
    const lenses = async (): Promise<vscode.CodeLens[]> => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
    assert.ok((await lenses()).some((l) => l.command?.title === 'Admin consent URL'));
    await cfg().update('codeLens.enable', false, vscode.ConfigurationTarget.Workspace);
    await waitFor('no Entra lenses', async () => !(await lenses()).some((l) => l.command?.title === 'Admin consent URL'));
  });

  it('lint.enable = false removes every diagnostic of the extension', async () => {
    await cfg().update('lint.enable', false, vscode.ConfigurationTarget.Workspace);
    await waitFor('all Entra diagnostics to be cleared',
      () => vscode.languages.getDiagnostics().every(([, ds]) => ds.every((d) => d.source !== 'Entra App Doctor')));
  });
});
