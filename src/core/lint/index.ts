// Public entry of the linter, used by the extension and the CLI.
import { applyEdits, type Edit } from 'jsonc-parser';
import { DocumentCache, isAppSettingsName, loadModel, nodeHost, ProjectCache, type DirEntry, type WorkspaceHost } from '../config';
import { basename, dirname, joinPath, SKIPPED_DIRS, type SyncWorkspaceHost } from '../config/host';
import { loadModelSync, SyncProjectCache, type SyncDocumentCache } from '../config/load-sync';
import type { Finding, Severity, TextEdit } from '../findings';
import { LineIndex } from '../text';
import { runRules } from './run';

export type { DirEntry, WorkspaceHost };
export { ruleDocsUrl, RULE_CATALOG, ruleInfo } from './catalog';
export { runRules, allRules } from './run';

export interface LintOptions {
  host?: WorkspaceHost;
  /** Text of open (possibly unsaved) documents by absolute path; wins over disk for that file and for siblings. */
  openDocuments?: Map<string, string>;
  /** Per-rule severity overrides; 'off' drops the rule. */
  severity?: Record<string, Severity | 'off'>;
  /** Shared across calls so a project's C# files are read once (the extension keeps one; the CLI one per run). */
  projects?: ProjectCache;
}

export interface FileFindings {
  path: string;
  findings: Finding[];
  /** Set when the file could not be read. */
  error?: string;
}

/** Lints one appsettings*.json (text given, or read through the host), judged with its overlays and project code. */
export async function lintFile(path: string, options: LintOptions & { text?: string } = {}): Promise<Finding[]> {
  const model = await loadModel(path, options);
  return model ? runRules(model, options.severity) : [];
}

const MAX_SCAN_DEPTH = 12;


/** Finds appsettings*.json below a folder, skipping node_modules, bin, obj, .git and symbolic links. */
export async function findConfigFiles(dir: string, host: WorkspaceHost = nodeHost): Promise<string[]> {
  const found: string[] = [];
  const walk = async (d: string, depth: number): Promise<void> => {
    const entries = await host.readDir(d);
    if (!entries) return;
    for (const e of sortedByName(entries)) {
      const p = joinPath(d, e.name);
      if (e.isDirectory) {
        if (depth < MAX_SCAN_DEPTH && !SKIPPED_DIRS.has(e.name.toLowerCase())) await walk(p, depth + 1);
      } else if (isAppSettingsName(e.name)) {
        found.push(p);
      }
    }
  };
  await walk(dir, 0);
  return found;
}

/** Characters in root collation's order (letters by their lower case first): what rootCompare can order. */
const ROOT_ORDER = ' _-.0123456789abcdefghijklmnopqrstuvwxyz';
const ROOT_NAME = /^[\w .-]*$/;

function rootRank(c: number): number {
  return ROOT_ORDER.indexOf(String.fromCharCode(c >= 65 && c <= 90 ? c | 32 : c));
}

/**
 * localeCompare under root collation (Unicode's default order, the English locales'), for names made of
 * ROOT_ORDER's characters and their upper case: the first difference of letter or symbol decides, then
 * the shorter name, then the first difference of case (lower case first).
 */
export function rootCompare(a: string, b: string): number {
  let caseOrder = 0;
  for (let i = 0; i < a.length && i < b.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const d = rootRank(x) - rootRank(y);
    if (d) return d;
    caseOrder ||= x < y ? 1 : -1;
  }
  return a.length - b.length || caseOrder;
}

let rootLocale: boolean | undefined;

/**
 * Whether localeCompare orders by root collation here: the default locale is English (or undetermined).
 * PluralRules resolves the default locale without loading collation data, which the first localeCompare
 * of a process does (~6 ms on a cold CLI start).
 */
export function collatesAsRoot(): boolean {
  return (rootLocale ??= ['en', 'en-US', 'en-GB', 'und'].includes(new Intl.PluralRules().resolvedOptions().locale));
}

/**
 * A sorted copy in localeCompare's order (a listing can be shared with the family lookup and the C# scan,
 * which keep the folder's order), worked out without ICU where rootCompare gives the same answer.
 */
function sortedByName(entries: DirEntry[]): DirEntry[] {
  const root = collatesAsRoot() && entries.every((e) => ROOT_NAME.test(e.name));
  return [...entries].sort(root ? (a, b) => rootCompare(a.name, b.name) : (a, b) => a.name.localeCompare(b.name));
}

/** findConfigFiles for a host that reads synchronously: the same files in the same order. */
export function findConfigFilesSync(dir: string, host: SyncWorkspaceHost): string[] {
  const found: string[] = [];
  const walk = (d: string, depth: number): void => {
    const entries = host.readDirSync(d);
    if (!entries) return;
    for (const e of sortedByName(entries)) {
      const p = joinPath(d, e.name);
      if (e.isDirectory) {
        if (depth < MAX_SCAN_DEPTH && !SKIPPED_DIRS.has(e.name.toLowerCase())) walk(p, depth + 1);
      } else if (isAppSettingsName(e.name)) {
        found.push(p);
      }
    }
  };
  walk(dir, 0);
  return found;
}

/**
 * The host with each folder listed once per run: the family lookup, the project search (nearest .csproj)
 * and the C# scan all list the same folders.
 */
function listingsOnce(host: WorkspaceHost): WorkspaceHost {
  const listings = new Map<string, Promise<DirEntry[] | undefined>>();
  return {
    readFile: (path) => host.readFile(path),
    readDir: (path) => {
      let entries = listings.get(path);
      if (!entries) {
        entries = host.readDir(path);
        listings.set(path, entries);
      }
      return entries;
    },
    ...(host.explainUnreadable ? { explainUnreadable: (path: string) => host.explainUnreadable!(path) } : {}),
  };
}

/** Files linted at once: enough to keep the disk busy while the CPU lints, few enough to bound memory. */
const CONCURRENCY = 8;

/**
 * Lints files (given paths); results in the order given. The caller expands folders with findConfigFiles.
 * Files are read concurrently (reading, not linting, dominated a large run), and each folder's family
 * is read and parsed once for all its members.
 */
export async function lintPaths(paths: string[], options: LintOptions = {}): Promise<FileFindings[]> {
  const host = listingsOnce(options.host ?? nodeHost);
  const projects = options.projects ?? new ProjectCache(host);
  const documents = new DocumentCache();
  const left = new Map<string, number>();
  for (const p of paths) left.set(dirname(p), (left.get(dirname(p)) ?? 0) + 1);
  const out: FileFindings[] = new Array(paths.length);
  const lintOne = async (path: string): Promise<FileFindings> => {
    const model = await loadModel(path, { ...options, host, projects, documents });
    if (model) return { path, findings: runRules(model, options.severity) };
    const why = await host.explainUnreadable?.(path).catch(() => undefined);
    return { path, findings: [], error: `${basename(path)} ${why ?? 'cannot be read'}` };
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const i = next++;
      const path = paths[i]!;
      try {
        out[i] = await lintOne(path);
      } finally {
        const dir = dirname(path);
        const n = (left.get(dir) ?? 1) - 1;
        left.set(dir, n);
        if (n === 0) documents.forget(dir);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, paths.length) }, worker));
  return out;
}

/**
 * A synchronous host with each folder listed once: share one between findConfigFilesSync and lintPathsSync
 * and a run lists every folder once (the search, the family lookup, the .csproj search and the C# scan).
 */
export function listingOnceSync(host: SyncWorkspaceHost): SyncWorkspaceHost {
  const listings = new Map<string, DirEntry[] | undefined>();
  const readDirSync = (path: string): DirEntry[] | undefined => {
    if (listings.has(path)) return listings.get(path);
    const entries = host.readDirSync(path);
    listings.set(path, entries);
    return entries;
  };
  return {
    readFileSync: (path) => host.readFileSync(path),
    readDirSync,
    readFile: (path) => host.readFile(path),
    readDir: (path) => Promise.resolve(readDirSync(path)),
    ...(host.explainUnreadable ? { explainUnreadable: (path: string) => host.explainUnreadable!(path) } : {}),
    ...(host.explainUnreadableSync ? { explainUnreadableSync: (path: string) => host.explainUnreadableSync!(path) } : {}),
  };
}

/**
 * lintPaths for a host that reads synchronously (the one-shot CLI, which has nothing else to serve):
 * the same results in the same order, without a promise per file.
 */
export function lintPathsSync(
  paths: string[],
  options: Omit<LintOptions, 'host' | 'projects'> & { host: SyncWorkspaceHost; projects?: SyncProjectCache },
): FileFindings[] {
  const host = options.host;
  const projects = options.projects ?? new SyncProjectCache(host);
  const documents: SyncDocumentCache = new DocumentCache();
  const load = { host, projects, documents, ...(options.openDocuments ? { openDocuments: options.openDocuments } : {}) };
  const left = new Map<string, number>();
  for (const p of paths) left.set(dirname(p), (left.get(dirname(p)) ?? 0) + 1);
  const out: FileFindings[] = new Array(paths.length);
  for (let i = 0; i < paths.length; i++) {
    const path = paths[i]!;
    try {
      const model = loadModelSync(path, load);
      out[i] = model
        ? { path, findings: runRules(model, options.severity) }
        : { path, findings: [], error: `${basename(path)} ${host.explainUnreadableSync?.(path) ?? 'cannot be read'}` };
    } finally {
      const dir = dirname(path);
      const n = (left.get(dir) ?? 1) - 1;
      left.set(dir, n);
      if (n === 0) documents.forget(dir);
    }
  }
  return out;
}

/**
 * Applies edits given as ranges of the original text (jsonc-parser's applyEdits, so the rest of the text,
 * comments included, is untouched). Overlapping edits are dropped rather than corrupting the text.
 */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const offsetEdits: Edit[] = edits
    .map((e) => {
      const offset = lines.offsetAt(e.range.start);
      return { offset, length: lines.offsetAt(e.range.end) - offset, content: e.newText };
    })
    .sort((a, b) => a.offset - b.offset);
  const kept: Edit[] = [];
  for (const e of offsetEdits) {
    const last = kept[kept.length - 1];
    if (last && e.offset < last.offset + last.length) continue;
    kept.push(e);
  }
  return applyEdits(text, kept);
}
