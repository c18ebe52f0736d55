// loadHints walks a project as one generator with an explicit stack: it must ask the file system for the
// same things, in the same order, and give the same hints as the recursive search it replaced (below).
import * as assert from 'node:assert/strict';
import { collectCodeHints, type SourceFile } from '../../src/core/config/code-hints';
import { dirname, joinPath, SKIPPED_DIRS, type DirEntry } from '../../src/core/config/host';
import type { CodeHints } from '../../src/core/config/model';
import { loadHints, type Request, type Steps } from '../../src/core/config/project';

/** The recursive search loadHints replaced (nested generators), kept here as the reference. */
function* referenceHints(fileDir: string, decoder: TextDecoder): Steps<CodeHints> {
  let dir = fileDir;
  let csproj: string | undefined;
  for (let level = 0; level <= 3; level++) {
    const entries = (yield { dir }) as DirEntry[] | undefined;
    const found = entries?.find((e) => !e.isDirectory && /\.csproj$/i.test(e.name));
    if (found) {
      csproj = joinPath(dir, found.name);
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (!csproj) dir = fileDir;
  const out: SourceFile[] = [];
  function* walk(d: string, depth: number): Steps<void> {
    const entries = (yield { dir: d }) as DirEntry[] | undefined;
    if (!entries) return;
    for (const e of entries) {
      if (out.length >= 2000) return;
      const p = joinPath(d, e.name);
      if (e.isDirectory) {
        if (depth < 6 && !SKIPPED_DIRS.has(e.name.toLowerCase()) && !e.name.startsWith('.')) yield* walk(p, depth + 1);
      } else if (/\.cs$/i.test(e.name)) {
        const bytes = (yield { file: p }) as Uint8Array | undefined;
        if (bytes && bytes.length <= 1024 * 1024) out.push({ path: p, text: decoder.decode(bytes) });
      }
    }
  }
  yield* walk(dir, 0);
  let project: SourceFile | undefined;
  if (csproj) {
    const bytes = (yield { file: csproj }) as Uint8Array | undefined;
    if (bytes) project = { path: csproj, text: decoder.decode(bytes) };
  }
  return collectCodeHints(dir, out, project);
}

interface FakeFs {
  dirs: Map<string, DirEntry[] | undefined>;
  files: Map<string, Uint8Array | undefined>;
}

/** Runs the steps against an in-memory file system, recording every request. */
function drive(steps: Steps<CodeHints>, fs: FakeFs): { requests: string[]; hints: CodeHints } {
  const requests: string[] = [];
  let next = steps.next();
  while (!next.done) {
    const r: Request = next.value;
    if ('dir' in r) {
      requests.push(`dir ${r.dir}`);
      next = steps.next(fs.dirs.get(r.dir));
    } else {
      requests.push(`file ${r.file}`);
      next = steps.next(fs.files.get(r.file));
    }
  }
  return { requests, hints: next.value };
}

/** A small deterministic generator (no dependency on Math.random: failures reproduce). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const CODE = [
  'await api.GetForAppAsync<object>("Orders");',
  '// await api.GetForUserAsync<object>("Mine");',
  'services.AddDownstreamApi("Mine", o => { o.RequestAppToken = true; }, Configuration.GetSection("Mine"));',
  'builder.Services.AddMicrosoftIdentityWebApp(builder.Configuration);',
  'var t = await cca.AcquireTokenForClient(scopes).ExecuteAsync();',
  'class Nothing {}',
];
const DIR_NAMES = ['Sub', 'bin', 'obj', '.hidden', 'node_modules', 'Services', 'Deep', 'Packages'];
const FILE_NAMES = ['Program.cs', 'Worker.CS', 'notes.txt', 'App.csproj', 'Other.CSPROJ', 'x.cs.bak', 'Startup.cs'];

function randomFs(seed: number): { fs: FakeFs; fileDir: string } {
  const r = rng(seed);
  const fs: FakeFs = { dirs: new Map(), files: new Map() };
  const enc = new TextEncoder();
  const fill = (dir: string, depth: number): void => {
    if (r() < 0.08) {
      fs.dirs.set(dir, undefined); // unreadable folder
      return;
    }
    const entries: DirEntry[] = [];
    const n = Math.floor(r() * 6);
    for (let i = 0; i < n; i++) {
      if (depth < 9 && r() < 0.45) {
        const name = `${DIR_NAMES[Math.floor(r() * DIR_NAMES.length)]}${i}`;
        entries.push({ name, isDirectory: true });
        fill(joinPath(dir, name), depth + 1);
      } else {
        const name = `${i}${FILE_NAMES[Math.floor(r() * FILE_NAMES.length)]}`;
        entries.push({ name, isDirectory: false });
        const text = CODE[Math.floor(r() * CODE.length)]!.replace('Orders', `S${Math.floor(r() * 4)}`);
        fs.files.set(joinPath(dir, name), r() < 0.08 ? undefined : enc.encode(text));
      }
    }
    fs.dirs.set(dir, entries);
  };
  fill('/w', 0);
  // The config folder: somewhere below the root, so the .csproj search goes up.
  let fileDir = '/w';
  for (;;) {
    const sub = fs.dirs.get(fileDir)?.filter((e) => e.isDirectory) ?? [];
    if (!sub.length || r() < 0.3) break;
    fileDir = joinPath(fileDir, sub[Math.floor(r() * sub.length)]!.name);
  }
  return { fs, fileDir };
}

describe('loadHints: the project search as one generator', () => {
  it('asks for the same folders and files in the same order and gives the same hints (400 random trees)', () => {
    let withHints = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const { fs, fileDir } = randomFs(seed);
      const got = drive(loadHints(fileDir, new TextDecoder()), fs);
      const want = drive(referenceHints(fileDir, new TextDecoder()), fs);
      assert.deepEqual(got.requests, want.requests, `seed ${seed}`);
      assert.deepEqual(got.hints, want.hints, `seed ${seed}`);
      if (got.hints.appTokenSections.size || got.hints.signsInUsers) withHints++;
    }
    assert.ok(withHints > 50, `the trees hold calls: ${withHints}`);
  });

  it('stops reading at 2,000 C# files, and skips a file over 1 MB, as the reference does', () => {
    const fs: FakeFs = { dirs: new Map(), files: new Map() };
    const entries: DirEntry[] = [{ name: 'Big.cs', isDirectory: false }, { name: 'Sub', isDirectory: true }];
    fs.files.set('/p/Big.cs', new Uint8Array(1024 * 1024 + 1).fill(0x20));
    const sub: DirEntry[] = [];
    for (let i = 0; i < 2100; i++) {
      sub.push({ name: `F${i}.cs`, isDirectory: false });
      fs.files.set(`/p/Sub/F${i}.cs`, new TextEncoder().encode(i === 2050 ? 'x.GetForAppAsync("Late");' : `x.GetForAppAsync("S${i}");`));
    }
    fs.dirs.set('/p', entries);
    fs.dirs.set('/p/Sub', sub);
    const got = drive(loadHints('/p', new TextDecoder()), fs);
    const want = drive(referenceHints('/p', new TextDecoder()), fs);
    assert.deepEqual(got.requests, want.requests);
    assert.deepEqual(got.hints, want.hints);
    assert.ok(!got.hints.appTokenSections.has('late'), 'files past the limit are not read');
    assert.ok(got.hints.appTokenSections.has('s1998'));
  });
});
