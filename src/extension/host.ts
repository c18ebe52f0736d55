// The linter's file access inside VS Code: workspace.fs, so remote and virtual-free setups behave alike,
// and the text of open editors (unsaved edits included) wins over the disk.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DirEntry, WorkspaceHost } from '../core/lint/index';

const APPSETTINGS = /^appsettings(\..+)?\.json$/i;

export function isAppSettingsPath(p: string): boolean {
  return APPSETTINGS.test(path.basename(p));
}

export const workspaceHost: WorkspaceHost = {
  async readFile(p: string): Promise<Uint8Array | undefined> {
    try {
      return await vscode.workspace.fs.readFile(vscode.Uri.file(p));
    } catch {
      return undefined;
    }
  },
  async readDir(p: string): Promise<DirEntry[] | undefined> {
    try {
      const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.file(p));
      return entries.map(([name, type]) => ({ name, isDirectory: (type & vscode.FileType.Directory) !== 0 }));
    } catch {
      return undefined;
    }
  },
};

/** Unsaved text of every open appsettings*.json and C# file (the core reads code for app-token hints). */
export function openDocumentTexts(): Map<string, string> {
  const map = new Map<string, string>();
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.uri.scheme !== 'file') continue;
    if (isAppSettingsPath(doc.uri.fsPath) || doc.languageId === 'csharp') map.set(doc.uri.fsPath, doc.getText());
  }
  return map;
}
