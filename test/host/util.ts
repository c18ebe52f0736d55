// Helpers for the in-host suites: the real vscode API, with bounded waits instead of sleeps.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'entra-app-doctor.entra-app-doctor';
export const SOURCE = 'Entra App Doctor';

export function wsUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test workspace folder is not open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

/** Polls until fn returns a truthy value; fails with `what` after `ms`. */
export async function waitFor<T>(what: string | (() => string), fn: () => T | undefined | false | PromiseLike<T | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Api {
  whenScanned(): Promise<void>;
}

export async function activeExtension(): Promise<Api> {
  const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this VS Code`);
  // workspaceContains:**/appsettings*.json activates it by itself; waiting proves the activation event works.
  await waitFor('the extension to activate (workspaceContains)', () => ext.isActive);
  return ext.exports;
}

export function entraDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function ruleOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

export function rulesAt(uri: vscode.Uri): string[] {
  return entraDiagnostics(uri).map((d) => `${ruleOf(d)}@${d.range.start.line + 1}`).sort();
}

/** Waits for a diagnostic of `rule` in the file (the core's rules decide the rest of its shape). */
export function waitForRule(uri: vscode.Uri, rule: string, ms?: number): Promise<vscode.Diagnostic> {
  return waitFor(() => `${rule} on ${vscode.workspace.asRelativePath(uri)} (has: ${rulesAt(uri).join(', ') || 'none'})`,
    () => entraDiagnostics(uri).find((d) => ruleOf(d) === rule), ms);
}

export function lineOf(doc: vscode.TextDocument, needle: string): number {
  const i = doc.getText().indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not in ${vscode.workspace.asRelativePath(doc.uri)}`);
  return doc.positionAt(i).line;
}

export async function open(relative: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(wsUri(relative));
  await vscode.window.showTextDocument(doc);
  // The extension maps appsettings*.json to JSON with Comments; wait until that has happened.
  await waitFor(`${relative} in jsonc mode`, () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.uri.toString() && d.languageId === 'jsonc'));
  return doc;
}

/** VS Code cancels a pending request when the document's model is replaced (e.g. its language mode settles right after opening); ask again then. */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
    } catch (err) {
      if (attempt >= 3 || !(err instanceof Error) || err.message !== 'Canceled') throw err;
    }
  }
}
