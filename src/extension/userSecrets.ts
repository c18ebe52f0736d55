// "Move this secret to .NET user secrets" for config/secret-in-source: whether a file has a .NET project to
// hold its secrets (the quick fix is offered only then). The move itself is in moveSecret.ts, loaded with the
// other commands from dist/tools.js when it runs.
import * as path from 'node:path';
import * as vscode from 'vscode';

export { MOVE_SECRET_COMMAND } from './toolIds';
export const MOVE_SECRET_TITLE = 'Move this secret to .NET user secrets';
const USER_SECRETS_ID = /<UserSecretsId>\s*([^<\s]+)\s*<\/UserSecretsId>/i;

export interface ProjectFile {
  uri: vscode.Uri;
  text: string;
  userSecretsId?: string;
}

/** The nearest .csproj at or above the file's folder, not leaving its workspace folder. */
export async function findProject(file: vscode.Uri): Promise<ProjectFile | undefined> {
  const root = vscode.workspace.getWorkspaceFolder(file)?.uri.fsPath;
  let dir = path.dirname(file.fsPath);
  for (let depth = 0; depth < 8; depth++) {
    let entries: [string, vscode.FileType][] = [];
    try {
      entries = await vscode.workspace.fs.readDirectory(vscode.Uri.file(dir));
    } catch {
      entries = [];
    }
    const csproj = entries.map(([n]) => n).filter((n) => n.toLowerCase().endsWith('.csproj')).sort()[0];
    if (csproj) {
      const uri = vscode.Uri.file(path.join(dir, csproj));
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const text = open?.getText() ?? new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      return { uri, text, userSecretsId: USER_SECRETS_ID.exec(text)?.[1] };
    }
    // Stay inside the workspace folder (a file outside any folder: only its own folder).
    if (!root || path.relative(root, dir) === '') break;
    const parent = path.dirname(dir);
    if (parent === dir || path.relative(root, parent).startsWith('..')) break;
    dir = parent;
  }
  return undefined;
}

export async function canMoveSecret(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.isTrusted && (await findProject(uri)) !== undefined;
}
