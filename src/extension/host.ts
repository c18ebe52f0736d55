// The linter's file access inside VS Code. The extension runs where the files are (a workspace
// extension), so it reads them with the core's hardened Node host: one handle per read, a 16 MB cap,
// no blocking on pipes, symbolic links not followed (a cloned repository may contain link loops).
// The text of open editors (unsaved edits included) wins over the disk through openDocumentTexts().
import * as path from 'node:path';
import * as vscode from 'vscode';
import { nodeHost } from '../core/config/host';
import type { WorkspaceHost } from '../core/lint/index';

const APPSETTINGS = /^appsettings(\..+)?\.json$/i;

export function isAppSettingsPath(p: string): boolean {
  return APPSETTINGS.test(path.basename(p));
}

export const workspaceHost: WorkspaceHost = nodeHost;

/** Unsaved text of every open appsettings*.json and C# file (the core reads code for app-token hints). */
export function openDocumentTexts(): Map<string, string> {
  const map = new Map<string, string>();
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.uri.scheme !== 'file') continue;
    if (isAppSettingsPath(doc.uri.fsPath) || doc.languageId === 'csharp') map.set(doc.uri.fsPath, doc.getText());
  }
  return map;
}
