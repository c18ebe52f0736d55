// Which config file, identity section and downstream API a token command is about: the CodeLens
// argument, else the section under the cursor of the active appsettings*.json, else a quick pick.
import * as path from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import * as vscode from 'vscode';
import { loadModel, type ConfigModel } from '../../core/config';
import { findSections, type SectionRef } from '../sections';
import { isAppSettingsPath, openDocumentTexts, workspaceHost } from '../host';

export interface TokenTarget {
  uri: vscode.Uri;
  model: ConfigModel;
  /** Identity section name; undefined = the core's default choice. */
  section?: string;
  /** Downstream API name whose Scopes to request. */
  api?: string;
  /** A scope typed by the user (when the config names none). */
  scope?: string;
}

/** What callers (CodeLens, tests, other commands) may pass. */
export interface TargetArg extends Partial<SectionRef> {
  section?: string;
  api?: string;
  scope?: string;
}

export function isTargetArg(v: unknown): v is TargetArg {
  return !!v && typeof v === 'object' && (typeof (v as TargetArg).uri === 'string' || typeof (v as TargetArg).section === 'string' || typeof (v as TargetArg).api === 'string');
}

/** Section and API from a CodeLens path: ["AzureAd"], ["DownstreamApis","Graph"] or ["TodoList"]. */
export function namesFromRef(ref: Pick<SectionRef, 'path' | 'kind'>): { section?: string; api?: string } {
  if (ref.kind === 'identity') return { section: ref.path[0] };
  return { api: ref.path[ref.path.length - 1] };
}

/** The lens section whose JSON object contains `offset`, innermost first. */
export function sectionAt(text: string, uri: string, offset: number): SectionRef | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (!root) return undefined;
  let best: { ref: SectionRef; length: number } | undefined;
  for (const s of findSections(text, uri)) {
    const node = findNodeAtLocation(root, s.ref.path);
    const parent = node?.parent; // the property: key + value, so the key's line counts too
    const from = parent?.offset ?? node?.offset;
    const len = parent?.length ?? node?.length;
    if (from === undefined || len === undefined) continue;
    if (offset >= from && offset <= from + len && (!best || len < best.length)) best = { ref: s.ref, length: len };
  }
  return best?.ref;
}

async function pickConfigFile(): Promise<vscode.Uri | undefined> {
  const files = (await vscode.workspace.findFiles('**/appsettings*.json', '{**/node_modules/**,**/bin/**,**/obj/**}', 200))
    .filter((u) => isAppSettingsPath(u.fsPath))
    .sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  if (files.length === 0) {
    void vscode.window.showWarningMessage('No appsettings*.json in this workspace. Open the configuration file of your daemon app and try again.');
    return undefined;
  }
  if (files.length === 1) return files[0];
  const pick = await vscode.window.showQuickPick(
    files.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })),
    { title: 'Entra: which configuration file?', placeHolder: 'The appsettings*.json of the app to test' },
  );
  return pick?.uri;
}

export async function loadConfig(uri: vscode.Uri): Promise<ConfigModel | undefined> {
  return loadModel(uri.fsPath, { host: workspaceHost, openDocuments: openDocumentTexts() });
}

/**
 * Resolves the target. `wantApi`: when the cursor is not in a downstream API and the file has
 * several, ask which one (Acquire, Call Web API); otherwise the core's default list is used.
 */
export async function resolveTarget(arg: unknown, opts: { wantApi?: boolean } = {}): Promise<TokenTarget | undefined> {
  let uri: vscode.Uri | undefined;
  let names: { section?: string; api?: string; scope?: string } = {};
  if (isTargetArg(arg)) {
    uri = arg.uri ? vscode.Uri.parse(arg.uri) : undefined;
    names = arg.path && arg.kind ? namesFromRef({ path: arg.path, kind: arg.kind }) : {};
    if (arg.section) names.section = arg.section;
    if (arg.api) names.api = arg.api;
    if (arg.scope) names.scope = arg.scope;
  }
  if (!uri) {
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.uri.scheme === 'file' && isAppSettingsPath(editor.document.uri.fsPath)) {
      uri = editor.document.uri;
      if (!names.section && !names.api) {
        const ref = sectionAt(editor.document.getText(), uri.toString(), editor.document.offsetAt(editor.selection.active));
        if (ref) names = { ...names, ...namesFromRef(ref) };
      }
    }
  }
  uri ??= await pickConfigFile();
  if (!uri) return undefined;
  const model = await loadConfig(uri);
  if (!model || !model.doc.root) {
    void vscode.window.showErrorMessage(`${path.basename(uri.fsPath)} cannot be read as JSON; fix its syntax errors first.`);
    return undefined;
  }
  if (opts.wantApi && !names.api && !names.scope && model.downstreamApis.length > 1) {
    const pick = await vscode.window.showQuickPick(
      model.downstreamApis.map((a) => ({ label: a.name, description: a.scopes?.items.map((i) => i.value).join(' ') ?? '(no Scopes)' })),
      { title: 'Entra: which downstream API?', placeHolder: 'The API whose Scopes to request' },
    );
    if (!pick) return undefined;
    names.api = pick.label;
  }
  return { uri, model, ...names };
}
