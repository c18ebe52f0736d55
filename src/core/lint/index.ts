// Public entry of the linter, used by the extension and the CLI.
// (Interim: the signatures are final; the implementation is being filled in.)
import type { Finding, Severity, TextEdit } from '../findings';

export interface DirEntry {
  name: string;
  isDirectory: boolean;
}

/** File access, injectable so the extension can serve unsaved editor text and tests can use fixtures. */
export interface WorkspaceHost {
  /** Undefined when missing or unreadable. */
  readFile(path: string): Promise<Uint8Array | undefined>;
  /** Undefined when missing or unreadable. */
  readDir(path: string): Promise<DirEntry[] | undefined>;
}

export interface LintOptions {
  host?: WorkspaceHost;
  /** Text of open (possibly unsaved) documents by absolute path; wins over disk for that file and for siblings. */
  openDocuments?: Map<string, string>;
  /** Per-rule severity overrides; 'off' drops the rule. */
  severity?: Record<string, Severity | 'off'>;
}

export interface FileFindings {
  path: string;
  findings: Finding[];
}

/** Lints one appsettings*.json (text given, or read through the host), judged with its overlays and project code. */
export async function lintFile(path: string, options: LintOptions & { text?: string } = {}): Promise<Finding[]> {
  void path;
  void options;
  return [];
}

/** Lints files and folders (folders are searched for appsettings*.json, skipping node_modules, bin, obj, .git). */
export async function lintPaths(paths: string[], options: LintOptions = {}): Promise<FileFindings[]> {
  void options;
  return paths.map((path) => ({ path, findings: [] }));
}

/** Applies non-overlapping edits (ranges of the original text) and returns the new text. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  void edits;
  return text;
}

/** Link to a rule's section in docs/rules.md. */
export function ruleDocsUrl(ruleId: string): string {
  return `https://github.com/entra-app-doctor/entra-app-doctor/blob/main/docs/rules.md#${ruleId.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
}
