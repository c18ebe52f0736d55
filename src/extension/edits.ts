// Findings' ranges and edits as VS Code's, and the finding behind a diagnostic: what the code actions
// (dist/codeActions.js) need, apart from convert.ts, whose diagnostics link the rules' docs (the linter's catalog).
import * as vscode from 'vscode';
import type { Finding, Range, TextEdit } from '../core/findings';

export const DIAGNOSTIC_SOURCE = 'Entra App Doctor';

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** The finding a diagnostic came from: same rule, same range (diagnostics are copied on their way through the workbench). */
export function findingFor(findings: readonly Finding[], d: vscode.Diagnostic): Finding | undefined {
  const rule = ruleIdOf(d);
  return findings.find((f) => f.ruleId === rule && toRange(f.range).isEqual(d.range) && f.message === d.message);
}

export function toWorkspaceEdit(uri: vscode.Uri, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(uri, toRange(e.range), e.newText);
  return we;
}
