// "Move this secret to .NET user secrets" for config/secret-in-source: writes the value to the project's
// secrets.json in the standard per-user location (what `dotnet user-secrets set` does), gives the
// project a UserSecretsId if it has none, and removes the literal from appsettings*.json — only after a
// modal confirmation that lists each change. Reads and writes secrets, so only in a trusted workspace.
// The secret's value is never shown, logged or put in a message.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyEdits, findNodeAtLocation, getLocation, modify, parseTree, type FormattingOptions } from 'jsonc-parser';
import * as vscode from 'vscode';
import { findProject } from './userSecrets';

const CONFIRM = 'Move Secret';

/** Where `dotnet user-secrets` keeps a project's secrets (Microsoft.Extensions.Configuration.UserSecrets PathHelper). */
export function userSecretsPath(id: string): string {
  if (process.platform === 'win32') {
    const appData = process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming');
    return path.join(appData, 'Microsoft', 'UserSecrets', id, 'secrets.json');
  }
  return path.join(os.homedir(), '.microsoft', 'usersecrets', id, 'secrets.json');
}

/** `<UserSecretsId>` added as the first child of the first unconditional PropertyGroup. */
function csprojWithId(text: string, id: string): string | undefined {
  const m = /<PropertyGroup\s*>/i.exec(text);
  if (!m) return undefined;
  const after = m.index + m[0].length;
  const lineStart = text.lastIndexOf('\n', m.index) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return `${text.slice(0, after)}${eol}${indent}${indent || '  '}<UserSecretsId>${id}</UserSecretsId>${text.slice(after)}`;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

function formatting(doc: vscode.TextDocument): FormattingOptions {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
  const tabSize = typeof editor?.options.tabSize === 'number' ? editor.options.tabSize : 2;
  return { insertSpaces: editor?.options.insertSpaces !== false, tabSize, eol: doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n' };
}

/** The configuration key (`AzureAd:ClientCredentials:0:ClientSecret`) and JSON path of the string at `range`. */
function secretAt(doc: vscode.TextDocument, range: vscode.Range): { path: (string | number)[]; value: string } | undefined {
  const text = doc.getText();
  const loc = getLocation(text, doc.offsetAt(range.start) + 1);
  const root = parseTree(text, [], { allowTrailingComma: true });
  const node = root ? findNodeAtLocation(root, loc.path) : undefined;
  if (!node || node.type !== 'string' || typeof loc.path[loc.path.length - 1] !== 'string') return undefined;
  return { path: loc.path, value: String(node.value) };
}

/** Runs the move after the user confirmed; resolves to true when everything was written. */
export async function moveSecretToUserSecrets(uri: vscode.Uri, range: vscode.Range): Promise<boolean> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Moving a secret to user secrets reads and writes secrets: trust this workspace first.');
    return false;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const secret = secretAt(doc, range);
  if (!secret) {
    void vscode.window.showWarningMessage('The secret is no longer at this place in the file; save or re-run the linter and try again.');
    return false;
  }
  const project = await findProject(uri);
  if (!project) {
    void vscode.window.showWarningMessage(`No .csproj found for ${vscode.workspace.asRelativePath(uri)}: user secrets belong to a .NET project.`);
    return false;
  }
  const key = secret.path.join(':');
  const id = project.userSecretsId ?? randomUUID();
  const secretsFile = userSecretsPath(id);
  const existing = await readIfExists(secretsFile);
  const prop = String(secret.path[secret.path.length - 1]);
  const changes = [
    `1. Writes the value of "${key}" to ${secretsFile}${existing === undefined ? ' (a new file)' : existing.includes(JSON.stringify(key)) ? ' (replacing the value stored there)' : ''}.`,
    ...(project.userSecretsId ? [] : [`2. Adds <UserSecretsId>${id}</UserSecretsId> to ${vscode.workspace.asRelativePath(project.uri)}.`]),
    `${project.userSecretsId ? 2 : 3}. Removes "${prop}" and its value from ${vscode.workspace.asRelativePath(uri)} (unsaved until you save the file).`,
    '',
    'User secrets are read in the Development environment by apps built with WebApplication.CreateBuilder or Host.CreateDefaultBuilder (or with AddUserSecrets). Elsewhere, use an environment variable or Key Vault. Rotate the secret if the file was ever committed.',
  ];
  const choice = await vscode.window.showWarningMessage(`Move the secret "${key}" to .NET user secrets?`, { modal: true, detail: changes.join('\n') }, CONFIRM);
  if (choice !== CONFIRM) return false;

  // 1. The secret first: if this fails, nothing has been removed.
  const base = existing?.trim() ? existing : '{}';
  const updated = applyEdits(base, modify(base, [key], secret.value, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
  await fs.mkdir(path.dirname(secretsFile), { recursive: true, mode: 0o700 });
  await fs.writeFile(secretsFile, updated.endsWith('\n') ? updated : `${updated}\n`, { encoding: 'utf8', mode: 0o600 });

  // 2. The project's UserSecretsId, saved at once so `dotnet` finds the secrets.
  if (!project.userSecretsId) {
    const withId = csprojWithId(project.text, id);
    if (!withId) {
      void vscode.window.showWarningMessage(`The secret was written to ${secretsFile}, but ${path.basename(project.uri.fsPath)} has no <PropertyGroup> to add <UserSecretsId>${id}</UserSecretsId> to; add it by hand. appsettings was not changed.`);
      return false;
    }
    const csprojDoc = await vscode.workspace.openTextDocument(project.uri);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(project.uri, new vscode.Range(0, 0, csprojDoc.lineCount, 0), withId);
    if (!(await vscode.workspace.applyEdit(edit)) || !(await csprojDoc.save())) {
      void vscode.window.showWarningMessage(`The secret was written to ${secretsFile}, but ${path.basename(project.uri.fsPath)} could not be updated; add <UserSecretsId>${id}</UserSecretsId> by hand.`);
      return false;
    }
  }

  // 3. The literal leaves appsettings (comments and formatting elsewhere untouched).
  const edits = modify(doc.getText(), secret.path, undefined, { formattingOptions: formatting(doc) });
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.content);
  await vscode.workspace.applyEdit(we);
  void vscode.window.showInformationMessage(`Moved "${key}" to user secrets (${secretsFile}). Save ${path.basename(uri.fsPath)} to remove it from the file.`);
  return true;
}
