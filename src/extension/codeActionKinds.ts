// What the code action provider offers. Declared at activation (dist/extension.js registers the provider)
// while the provider's code (codeActions.ts, in dist/editor.js) loads on the first request; both bundles
// carry a copy.
import * as vscode from 'vscode';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('entraAppDoctor');

export const CODE_ACTION_METADATA: vscode.CodeActionProviderMetadata = {
  providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
};
