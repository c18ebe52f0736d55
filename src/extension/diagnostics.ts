// Keeps one DiagnosticCollection in step with the appsettings*.json files of the workspace:
// open documents are linted as they change (debounced; a newer run makes an older one's result void),
// the rest in the background from disk, kept current by a file watcher.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Finding } from '../core/findings';
import { lintFile } from '../core/lint/index';
import { toDiagnostic } from './convert';
import { isAppSettingsPath, openDocumentTexts, workspaceHost } from './host';
import { lintSettings } from './settings';

/** Folders never scanned: build output and packages hold copies, not the project's configuration. */
const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/bin/**', '**/obj/**', '**/.git/**'];
const TYPING_DELAY_MS = 250;

interface Pending {
  timer: ReturnType<typeof setTimeout> | undefined;
  generation: number;
}

export class LintController implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('entra-app-doctor');
  readonly #findings = new Map<string, Finding[]>();
  /** Document version the findings were computed for (undefined: from disk). */
  readonly #versions = new Map<string, number | undefined>();
  /** Files of the workspace scan (and the watcher) that are linted from disk when not open. */
  readonly #known = new Set<string>();
  readonly #pending = new Map<string, Pending>();
  readonly #disposables: vscode.Disposable[] = [this.collection];
  readonly #changed = new vscode.EventEmitter<vscode.Uri>();
  #disposed = false;
  #scanGeneration = 0;
  /** Resolves when the current background scan is done (tests and the status bar wait on it). */
  scanDone: Promise<void> = Promise.resolve();

  readonly onDidChangeFindings = this.#changed.event;

  constructor() {
    this.#disposables.push(
      this.#changed,
      vscode.workspace.onDidOpenTextDocument((doc) => this.isTarget(doc.uri) && this.#schedule(doc.uri, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && this.isTarget(e.document.uri)) this.#scheduleWithFamily(e.document.uri, TYPING_DELAY_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.#onClosed(doc.uri)),
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((u) => this.#forget(u))),
      vscode.workspace.onDidRenameFiles((e) => e.files.forEach(({ oldUri, newUri }) => {
        this.#forget(oldUri);
        if (this.isTarget(newUri)) {
          this.#known.add(newUri.toString());
          this.#schedule(newUri, 0);
        }
      })),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('entraAppDoctor.lint')) this.#restart();
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/appsettings*.json');
    this.#disposables.push(
      watcher,
      watcher.onDidCreate((u) => this.#onDiskChange(u)),
      watcher.onDidChange((u) => this.#onDiskChange(u)),
      watcher.onDidDelete((u) => this.#forget(u)),
    );
  }

  /** Starts linting without blocking activation: open documents first, then the workspace scan. */
  start(): void {
    for (const doc of vscode.workspace.textDocuments) if (this.isTarget(doc.uri)) this.#schedule(doc.uri, 0);
    this.scanDone = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => this.#scanWorkspace());
  }

  findingsFor(uri: vscode.Uri): readonly Finding[] {
    return this.#findings.get(uri.toString()) ?? [];
  }

  /** Lints a document now (no debounce) and returns its findings — for fix-all and commands. */
  async lintNow(uri: vscode.Uri): Promise<readonly Finding[]> {
    await this.#run(uri, this.#bump(uri));
    return this.findingsFor(uri);
  }

  /** Findings that match the document's current text: edits built from them land where they should. */
  async currentFindings(doc: vscode.TextDocument): Promise<readonly Finding[]> {
    const key = doc.uri.toString();
    if (this.#findings.has(key) && this.#versions.get(key) === doc.version) return this.findingsFor(doc.uri);
    if (!this.isTarget(doc.uri)) return [];
    return this.lintNow(doc.uri);
  }

  isTarget(uri: vscode.Uri): boolean {
    if (uri.scheme !== 'file' || !isAppSettingsPath(uri.fsPath)) return false;
    const settings = lintSettings(uri);
    if (!settings.enabled) return false;
    return !this.#excluded(uri, settings.exclude);
  }

  #excluded(uri: vscode.Uri, userGlobs: string[]): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const rel = folder ? path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/') : uri.fsPath;
    const segments = rel.split('/').slice(0, -1).map((s) => s.toLowerCase());
    if (segments.some((s) => s === 'node_modules' || s === 'bin' || s === 'obj' || s === '.git')) return true;
    if (!userGlobs.length) return false;
    // languages.match does glob matching the way VS Code's own settings do, without another dependency.
    const doc = { uri, languageId: '', notebookType: undefined } as unknown as vscode.TextDocument;
    return userGlobs.some((g) => vscode.languages.match({ pattern: folder ? new vscode.RelativePattern(folder, g) : g }, doc) > 0);
  }

  async #scanWorkspace(): Promise<void> {
    const generation = ++this.#scanGeneration;
    if (!vscode.workspace.workspaceFolders?.length) return;
    const settings = lintSettings();
    if (!settings.enabled) return;
    const exclude = `{${[...ALWAYS_EXCLUDED, ...settings.exclude].join(',')}}`;
    const uris = await vscode.workspace.findFiles('**/appsettings*.json', exclude);
    for (const uri of uris) {
      if (this.#disposed || generation !== this.#scanGeneration) return;
      if (!this.isTarget(uri)) continue;
      this.#known.add(uri.toString());
      if (this.#isOpen(uri) && this.#findings.has(uri.toString())) continue;
      await this.#run(uri, this.#bump(uri));
    }
  }

  #restart(): void {
    for (const p of this.#pending.values()) if (p.timer) clearTimeout(p.timer);
    const had = [...this.#findings.keys()];
    this.#pending.clear();
    this.#findings.clear();
    this.#versions.clear();
    this.#known.clear();
    this.collection.clear();
    for (const key of had) this.#changed.fire(vscode.Uri.parse(key));
    this.start();
  }

  #isOpen(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return vscode.workspace.textDocuments.some((d) => d.uri.toString() === key);
  }

  /** A new generation for this file; results of older runs are dropped when they arrive. */
  #bump(uri: vscode.Uri): number {
    const key = uri.toString();
    const p = this.#pending.get(key) ?? { timer: undefined, generation: 0 };
    if (p.timer) clearTimeout(p.timer);
    p.timer = undefined;
    p.generation++;
    this.#pending.set(key, p);
    return p.generation;
  }

  #schedule(uri: vscode.Uri, delay: number): void {
    const generation = this.#bump(uri);
    const p = this.#pending.get(uri.toString())!;
    p.timer = setTimeout(() => {
      p.timer = undefined;
      void this.#run(uri, generation);
    }, delay);
  }

  /** Overlays are judged with their base and the base with its overlays: re-lint the folder's family. */
  #scheduleWithFamily(uri: vscode.Uri, delay: number): void {
    this.#schedule(uri, delay);
    this.#scheduleSiblings(uri, delay);
  }

  #scheduleSiblings(uri: vscode.Uri, delay: number): void {
    const dir = path.dirname(uri.fsPath);
    for (const key of new Set([...this.#known, ...this.#findings.keys()])) {
      const other = vscode.Uri.parse(key);
      if (key !== uri.toString() && path.dirname(other.fsPath) === dir) this.#schedule(other, delay);
    }
  }

  #onDiskChange(uri: vscode.Uri): void {
    if (!this.isTarget(uri)) return;
    this.#known.add(uri.toString());
    // An open document is linted from its buffer; a disk change then matters for its siblings only.
    if (this.#isOpen(uri)) this.#scheduleSiblings(uri, TYPING_DELAY_MS);
    else this.#scheduleWithFamily(uri, TYPING_DELAY_MS);
  }

  #onClosed(uri: vscode.Uri): void {
    const key = uri.toString();
    if (!this.#findings.has(key) && !this.#pending.has(key)) return;
    // The buffer is gone: a workspace file shows what is on disk again, anything else disappears.
    if (this.#known.has(key) && this.isTarget(uri)) this.#schedule(uri, 0);
    else this.#forget(uri);
  }

  #forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const p = this.#pending.get(key);
    if (p?.timer) clearTimeout(p.timer);
    if (p) p.generation++;
    this.#known.delete(key);
    const had = this.#findings.delete(key);
    this.#versions.delete(key);
    this.collection.delete(uri);
    if (had) this.#changed.fire(uri);
    // Siblings that were judged together with this file change too.
    this.#scheduleSiblings(uri, TYPING_DELAY_MS);
  }

  async #run(uri: vscode.Uri, generation: number): Promise<void> {
    const key = uri.toString();
    const settings = lintSettings(uri);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    const version = open?.version; // captured with the text: a later edit must not pass as linted
    let findings: Finding[];
    try {
      findings = await lintFile(uri.fsPath, {
        text: open?.getText(),
        openDocuments: openDocumentTexts(),
        host: workspaceHost,
        severity: settings.severity,
      });
    } catch (err) {
      // A linter bug must not take the extension down; the file just shows no findings.
      console.error(`Entra App Doctor: linting ${path.basename(uri.fsPath)} failed: ${err instanceof Error ? err.message : String(err)}`);
      findings = [];
    }
    if (this.#disposed || this.#pending.get(key)?.generation !== generation) return; // a newer run owns this file
    const own = findings.filter((f) => !f.file || path.resolve(f.file) === path.resolve(uri.fsPath));
    this.#findings.set(key, own);
    this.#versions.set(key, version);
    this.collection.set(uri, own.map(toDiagnostic));
    this.#changed.fire(uri);
  }

  dispose(): void {
    this.#disposed = true;
    for (const p of this.#pending.values()) if (p.timer) clearTimeout(p.timer);
    this.#disposables.forEach((d) => d.dispose());
  }
}
