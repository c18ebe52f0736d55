// Quick fixes from the findings' fixes, bound to their diagnostics, and "Fix all Entra issues in this file".
// In dist/editor.js: dist/extension.js registers the provider at activation (lazyTools.ts) and requires that
// bundle on the first request (VS Code asks when the cursor is in an appsettings file, for the light bulb,
// or for fix-all); the findings come from the activation bundle's LintController.
import * as vscode from 'vscode';
import type { Finding, Fix, TextEdit } from '../core/findings';
import { CODE_ACTION_METADATA, FIX_ALL_KIND } from './codeActionKinds';
import { DIAGNOSTIC_SOURCE, findingFor, ruleIdOf, toRange, toWorkspaceEdit } from './edits';
import type { LintController } from './diagnostics';
import { canMoveSecret, MOVE_SECRET_COMMAND, MOVE_SECRET_TITLE } from './userSecrets';

export { FIX_ALL_KIND };
export const FIX_ALL_TITLE = 'Fix all Entra issues in this file';

function before(a: TextEdit['range']['start'], b: TextEdit['range']['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function overlap(a: TextEdit['range'], b: TextEdit['range']): boolean {
  return (before(a.start, b.end) && before(b.start, a.end)) || toRange(a).isEqual(toRange(b));
}

/**
 * The preferred fix of every finding whose edits do not overlap an earlier one (the rest wait for the
 * next run). Fixes a rule did not mark preferred are judgement calls (e.g. switching clouds): never automatic.
 */
export function fixAllEdits(findings: readonly Finding[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  for (const f of findings) {
    const fix: Fix | undefined = f.fixes?.find((x) => x.isPreferred);
    if (!fix?.edits.length) continue;
    if (!fix.edits.some((e) => chosen.some((c) => overlap(e.range, c.range)))) chosen.push(...fix.edits);
  }
  return chosen;
}

export class EntraCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = CODE_ACTION_METADATA;

  constructor(private readonly lint: LintController) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const findings = await this.lint.currentFindings(document);
    const actions: vscode.CodeAction[] = [];
    const wants = (kind: vscode.CodeActionKind): boolean => !context.only || context.only.contains(kind) || kind.contains(context.only);

    if (wants(vscode.CodeActionKind.QuickFix)) {
      for (const d of context.diagnostics) {
        if (d.source !== DIAGNOSTIC_SOURCE) continue;
        const finding = findingFor(findings, d);
        for (const fix of finding?.fixes ?? []) {
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.edit = toWorkspaceEdit(document.uri, fix.edits);
          action.diagnostics = [d];
          action.isPreferred = fix.isPreferred === true;
          actions.push(action);
        }
        // Secrets: offered only where it can work (trusted workspace, a .csproj to hold the UserSecretsId).
        if (ruleIdOf(d) === 'config/secret-in-source' && (await canMoveSecret(document.uri))) {
          const action = new vscode.CodeAction(MOVE_SECRET_TITLE, vscode.CodeActionKind.QuickFix);
          action.command = { title: MOVE_SECRET_TITLE, command: MOVE_SECRET_COMMAND, arguments: [document.uri, d.range] };
          action.diagnostics = [d];
          actions.push(action);
        }
      }
    }

    if (wants(FIX_ALL_KIND)) {
      const edits = fixAllEdits(findings);
      if (edits.length) {
        const action = new vscode.CodeAction(FIX_ALL_TITLE, FIX_ALL_KIND);
        action.edit = toWorkspaceEdit(document.uri, edits);
        actions.push(action);
      }
    }
    return actions;
  }
}
