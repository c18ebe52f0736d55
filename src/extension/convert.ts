// Findings (core, 0-based ranges) ⇄ VS Code diagnostics and edits.
import * as vscode from 'vscode';
import type { Finding, Range, Severity, TextEdit } from '../core/findings';
import { ruleDocsUrl } from '../core/lint/index';

export const DIAGNOSTIC_SOURCE = 'Entra App Doctor';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function toDiagnostic(f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.range), f.message, SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.ruleId, target: vscode.Uri.parse(f.docs ?? ruleDocsUrl(f.ruleId)) };
  if (f.related?.length) {
    d.relatedInformation = f.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(r.file), toRange(r.range)), r.message),
    );
  }
  return d;
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
