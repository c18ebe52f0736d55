// Gathers code hints for the project a config file belongs to: the folder of the nearest .csproj
// (or the file's own folder), its C# files read once and cached per folder.
import { collectCodeHints, type SourceFile } from './code-hints';
import { basename, dirname, joinPath, SKIPPED_DIRS, type WorkspaceHost } from './host';
import type { CodeHints } from './model';

const MAX_LEVELS_UP = 3;
const MAX_CS_FILES = 2000;
const MAX_CS_BYTES = 1024 * 1024;
const MAX_DEPTH = 6;

async function findProjectDir(host: WorkspaceHost, fileDir: string): Promise<{ dir: string; csproj?: string }> {
  let dir = fileDir;
  for (let level = 0; level <= MAX_LEVELS_UP; level++) {
    const entries = await host.readDir(dir);
    const csproj = entries?.find((e) => !e.isDirectory && /\.csproj$/i.test(e.name));
    if (csproj) return { dir, csproj: joinPath(dir, csproj.name) };
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return { dir: fileDir };
}

async function readCsFiles(host: WorkspaceHost, dir: string): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  const decoder = new TextDecoder('utf-8');
  const walk = async (d: string, depth: number): Promise<void> => {
    const entries = await host.readDir(d);
    if (!entries) return;
    for (const e of entries) {
      if (out.length >= MAX_CS_FILES) return;
      const p = joinPath(d, e.name);
      if (e.isDirectory) {
        if (depth < MAX_DEPTH && !SKIPPED_DIRS.has(e.name.toLowerCase()) && !e.name.startsWith('.')) await walk(p, depth + 1);
      } else if (/\.cs$/i.test(e.name)) {
        const bytes = await host.readFile(p);
        if (bytes && bytes.length <= MAX_CS_BYTES) out.push({ path: p, text: decoder.decode(bytes) });
      }
    }
  };
  await walk(dir, 0);
  return out;
}

/** Caches hints per project folder; the extension clears an entry when a .cs or .csproj file changes. */
export class ProjectCache {
  private readonly byFileDir = new Map<string, Promise<CodeHints>>();

  constructor(private readonly host: WorkspaceHost) {}

  hintsFor(configPath: string): Promise<CodeHints> {
    const fileDir = dirname(configPath);
    let hints = this.byFileDir.get(fileDir);
    if (!hints) {
      hints = this.load(fileDir);
      this.byFileDir.set(fileDir, hints);
    }
    return hints;
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

  private async load(fileDir: string): Promise<CodeHints> {
    const { dir, csproj } = await findProjectDir(this.host, fileDir);
    const sources = await readCsFiles(this.host, dir);
    let project: SourceFile | undefined;
    if (csproj) {
      const bytes = await this.host.readFile(csproj);
      if (bytes) project = { path: csproj, text: new TextDecoder('utf-8').decode(bytes) };
    }
    return collectCodeHints(dir, sources, project);
  }
}

export { basename };
