// Gathers code hints for the project a config file belongs to: the folder of the nearest .csproj
// (or the file's own folder), its C# files read once and cached per folder.
import { collectCodeHints, type SourceFile } from './code-hints';
import { basename, dirname, joinPath, SKIPPED_DIRS, type DirEntry, type WorkspaceHost } from './host';
import type { CodeHints } from './model';

const MAX_LEVELS_UP = 3;
const MAX_CS_FILES = 2000;
const MAX_CS_BYTES = 1024 * 1024;
const MAX_DEPTH = 6;
const CSPROJ = /\.csproj$/i;
const CS_FILE = /\.cs$/i;

/**
 * What the search asks of the file system, one request at a time. The search is written once, as a
 * generator, and driven through the async host here (the extension) or synchronously by
 * SyncProjectCache (./load-sync, the CLI).
 */
export type Request = { dir: string } | { file: string };
export type Steps<T> = Generator<Request, T, unknown>;

/** A folder's entries, for a request `{ dir }` (what the runner hands back to the step that yielded it). */
function listed(answer: unknown): DirEntry[] | undefined {
  return answer as DirEntry[] | undefined;
}

function read(answer: unknown): Uint8Array | undefined {
  return answer as Uint8Array | undefined;
}

interface Walked {
  dir: string;
  depth: number;
  entries: DirEntry[];
  next: number;
}

/**
 * The hints of the project `fileDir` belongs to, as requests to the file system (see Steps). One generator
 * with the folder walk on an explicit stack: each request suspends one generator rather than a chain of
 * nested ones (a project is searched once per run, in cold code). The requests and their order are those
 * of a recursive walk: the nearest .csproj up to MAX_LEVELS_UP folders up (or the file's own folder), then
 * its folder's .cs files depth first in listing order, then the .csproj.
 */
export function* loadHints(fileDir: string, decoder: TextDecoder): Steps<CodeHints> {
  let dir = fileDir;
  let csproj: string | undefined;
  for (let level = 0; level <= MAX_LEVELS_UP; level++) {
    const found = listed(yield { dir })?.find((e) => !e.isDirectory && CSPROJ.test(e.name));
    if (found) {
      csproj = joinPath(dir, found.name);
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (!csproj) dir = fileDir;

  const sources: SourceFile[] = [];
  const rootEntries = listed(yield { dir });
  const stack: Walked[] = rootEntries ? [{ dir, depth: 0, entries: rootEntries, next: 0 }] : [];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.next >= top.entries.length || sources.length >= MAX_CS_FILES) {
      stack.pop();
      continue;
    }
    const e = top.entries[top.next++]!;
    if (e.isDirectory) {
      if (top.depth < MAX_DEPTH && !SKIPPED_DIRS.has(e.name.toLowerCase()) && !e.name.startsWith('.')) {
        const sub = joinPath(top.dir, e.name);
        const entries = listed(yield { dir: sub });
        if (entries) stack.push({ dir: sub, depth: top.depth + 1, entries, next: 0 });
      }
    } else if (CS_FILE.test(e.name)) {
      const path = joinPath(top.dir, e.name);
      const bytes = read(yield { file: path });
      if (bytes && bytes.length <= MAX_CS_BYTES) sources.push({ path, text: decoder.decode(bytes) });
    }
  }

  let project: SourceFile | undefined;
  if (csproj) {
    const bytes = read(yield { file: csproj });
    if (bytes) project = { path: csproj, text: decoder.decode(bytes) };
  }
  return collectCodeHints(dir, sources, project);
}

async function runAsync<T>(steps: Steps<T>, host: WorkspaceHost): Promise<T> {
  let next = steps.next();
  while (!next.done) {
    const r = next.value;
    next = steps.next('dir' in r ? await host.readDir(r.dir) : await host.readFile(r.file));
  }
  return next.value;
}

/** Caches hints per project folder; the extension clears an entry when a .cs or .csproj file changes. */
export class ProjectCache {
  protected readonly byFileDir = new Map<string, CodeHints | Promise<CodeHints>>();
  protected readonly decoder = new TextDecoder('utf-8');

  constructor(protected readonly host: WorkspaceHost) {}

  hintsFor(configPath: string): Promise<CodeHints> {
    const fileDir = dirname(configPath);
    let hints = this.byFileDir.get(fileDir);
    if (!hints) {
      hints = this.load(fileDir);
      this.byFileDir.set(fileDir, hints);
    }
    return Promise.resolve(hints);
  }

  /** Loads a folder's hints (a subclass may read synchronously: see SyncProjectCache). */
  protected load(fileDir: string): CodeHints | Promise<CodeHints> {
    return runAsync(loadHints(fileDir, this.decoder), this.host);
  }

  /** Forgets every folder at or below `dir` (a changed .cs file invalidates its project's hints). */
  invalidate(path?: string): void {
    if (!path) {
      this.byFileDir.clear();
      return;
    }
    for (const key of [...this.byFileDir.keys()]) {
      if (path.startsWith(key) || key.startsWith(dirname(path))) this.byFileDir.delete(key);
    }
  }
}

export { basename };
