// Entry of dist/editor.js: what VS Code asks of an open appsettings file besides diagnostics and hovers —
// the code actions (quick fixes, fix-all) and the lenses' sections. dist/extension.js registers both
// providers at activation and requires this bundle on the first request (lazyTools.ts, codeLens.ts).
import * as vscode from 'vscode';
import { findSections } from './sections';
import { ACQUIRE_TOKEN_COMMAND, CONSENT_URL_COMMAND } from './toolIds';

export { EntraCodeActionProvider } from './codeActions';

const LENS_TITLES: Record<string, string> = {
  [ACQUIRE_TOKEN_COMMAND]: 'Acquire App Token',
  [CONSENT_URL_COMMAND]: 'Admin consent URL',
};

/** A lens per section for each command that `offered` allows (Acquire App Token, then Admin consent URL). */
export function lensItems(document: vscode.TextDocument, offered: Record<string, boolean>): vscode.CodeLens[] {
  const lenses: vscode.CodeLens[] = [];
  for (const s of findSections(document.getText(), document.uri.toString())) {
    const pos = document.positionAt(s.keyOffset);
    const range = new vscode.Range(pos, pos);
    for (const [command, title] of Object.entries(LENS_TITLES)) {
      if (offered[command]) lenses.push(new vscode.CodeLens(range, { title, command, arguments: [s.ref] }));
    }
  }
  return lenses;
}
