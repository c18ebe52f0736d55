// Gathers code hints for the project a config file belongs to: the folder of the nearest .csproj
// (or the file's own folder), its C# files read once and cached per folder.
import { collectCodeHints, type SourceFile } from './code-hints';
import { basename, dirname, joinPath, SKIPPED_DIRS, type DirEntry, type WorkspaceHost } from './host';
import type { CodeHints } from './model';

const MAX_LEVELS_UP = 3;
const MAX_CS_FILES = 2000;
const MAX_CS_BYTES = 1024 * 1024;
const MAX_DEPTH = 6;

/**
 * What the search asks of the file system, one request at a time. The search is written once, as a
 * generator, and driven through the async host here (the extension) or synchronously by
 * SyncProjectCache (./load-sync, the CLI).
 */
export type Request = { dir: string } | { file: string };
export type Steps<T> = Generator<Request, T, unknown>;

function* listDir(dir: string): Steps<DirEntry[] | undefined> {
  return (yield { dir }) as DirEntry[] | undefined;
}

function* readBytes(file: string): Steps<Uint8Array | undefined> {
  return (yield { file }) as Uint8Array | undefined;
}

function* findProjectDir(fileDir: string): Steps<{ dir: string; csproj?: string }> {
  let dir = fileDir;
  for (let level = 0; level <= MAX_LEVELS_UP; level++) {
    const entries = yield* listDir(dir);
    const csproj = entries?.find((e) => !e.isDirectory && /\.csproj$/i.test(e.name));
    if (csproj) return { dir, csproj: joinPath(dir, csproj.name) };
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return { dir: fileDir };
}

function* readCsFiles(dir: string, decoder: TextDecoder): Steps<SourceFile[]> {
  const out: SourceFile[] = [];
  function* walk(d: string, depth: number): Steps<void> {
    const entries = yield* listDir(d);
    if (!entries) return;
    for (const e of entries) {
      if (out.length >= MAX_CS_FILES) return;
      const p = joinPath(d, e.name);
      if (e.isDirectory) {
        if (depth < MAX_DEPTH && !SKIPPED_DIRS.has(e.name.toLowerCase()) && !e.name.startsWith('.')) yield* walk(p, depth + 1);
      } else if (/\.cs$/i.test(e.name)) {
        const bytes = yield* readBytes(p);
        if (bytes && bytes.length <= MAX_CS_BYTES) out.push({ path: p, text: decoder.decode(bytes) });
      }
    }
  }
  yield* walk(dir, 0);
  return out;
}

/** The hints of the project `fileDir` belongs to, as requests to the file system (see Steps). */
export function* loadHints(fileDir: string, decoder: TextDecoder): Steps<CodeHints> {
  const { dir, csproj } = yield* findProjectDir(fileDir);
  const sources = yield* readCsFiles(dir, decoder);
  let project: SourceFile | undefined;
  if (csproj) {
    const bytes = yield* readBytes(csproj);
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
