// Findings (core, 0-based ranges) → VS Code diagnostics (ranges, edits and the finding behind a diagnostic: edits.ts).
import * as vscode from 'vscode';
import type { Finding, Severity } from '../core/findings';
import { ruleDocsUrl } from '../core/lint/index';
import { DIAGNOSTIC_SOURCE, toRange } from './edits';

export { DIAGNOSTIC_SOURCE, findingFor, ruleIdOf, toRange, toWorkspaceEdit } from './edits';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

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
