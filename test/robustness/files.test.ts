// Files a cloned repository can hold: unreadable ones (a folder or a FIFO where a file is expected —
// tests run as root, so chmod 000 proves nothing), binary, enormous (a 100 MB sparse file: skipped
// with a message, never read), symbolic-link loops and links out of the workspace, and files that
// change while they are linted. Core (lintPaths, loadModel, findConfigFiles, ProjectCache) and CLI.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadModel, nodeHost, ProjectCache, type WorkspaceHost } from '../../src/core/config';
import { findConfigFiles, lintPaths } from '../../src/core/lint';
import { buildCli, CLI, figures, printFigures, runCli } from './support';

const CONFIG = `{
  // daemon
  "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "contoso.onmicrosoft.com", "ClientId": "6c1ac2b5-52b1-4f0b-9f8f-7b1b3a3e0e11" },
  "DownstreamApis": { "Graph": { "BaseUrl": "https://graph.microsoft.com/v1.0", "RequestAppToken": true, "Scopes": [ "User.Read.All" ] } }
}
`;

/** nodeHost with every read counted by path. */
function countingHost(): WorkspaceHost & { reads: Map<string, number>; dirs: number } {
  const reads = new Map<string, number>();
  const host = {
    reads,
    dirs: 0,
    async readFile(p: string) {
      reads.set(p, (reads.get(p) ?? 0) + 1);
      return nodeHost.readFile(p);
    },
    async readDir(p: string) {
      host.dirs++;
      return nodeHost.readDir(p);
    },
    explainUnreadable: nodeHost.explainUnreadable,
  };
  return host;
}

describe('robustness: hostile and broken files', function () {
  this.timeout(30_000);
  let tmp: string;
  before(async () => {
    buildCli();
    tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'entra-robust-files-'));
  });
  after(async () => {
    await fsp.rm(tmp, { recursive: true, force: true });
    printFigures('files');
  });

  async function dir(name: string): Promise<string> {
    const d = path.join(tmp, name);
    await fsp.mkdir(d, { recursive: true });
    return d;
  }

  describe('enormous (100 MB sparse)', () => {
    let d: string;
    let big: string;
    before(async () => {
      d = await dir('huge');
      big = path.join(d, 'appsettings.json');
      const h = await fsp.open(big, 'w');
      await h.truncate(100 * 1024 * 1024);
      await h.close();
      await fsp.writeFile(path.join(d, 'appsettings.Development.json'), CONFIG);
      await fsp.writeFile(path.join(d, 'Huge.cs'), '');
      await fsp.truncate(path.join(d, 'Huge.cs'), 100 * 1024 * 1024);
    });

    it('lintPaths skips it with the size and the limit, and its sibling is still linted; nothing reads the 100 MB', async () => {
      // Count every byte read through a file handle and every whole-file read during the run.
      const probe = await fsp.open(path.join(d, 'appsettings.Development.json'), 'r');
      const proto = Object.getPrototypeOf(probe) as { read: (...a: unknown[]) => Promise<{ bytesRead: number }> };
      await probe.close();
      const origHandleRead = proto.read;
      const origReadFile = fsp.readFile;
      let bytesRead = 0;
      const wholeReads: string[] = [];
      proto.read = async function (this: unknown, ...a: unknown[]) {
        const r = await origHandleRead.apply(this, a);
        bytesRead += r.bytesRead;
        return r;
      };
      (fsp as { readFile: unknown }).readFile = (p: fs.PathLike, ...rest: unknown[]) => (wholeReads.push(String(p)), (origReadFile as (...a: unknown[]) => unknown)(p, ...rest));
      const host = countingHost();
      try {
        const [bigResult, devResult] = await lintPaths([big, path.join(d, 'appsettings.Development.json')], { host });
        assert.match(bigResult!.error ?? '', /appsettings\.json is 100 MB, over the 16 MB limit .* skipped without reading it/);
        assert.equal(bigResult!.findings.length, 0);
        assert.ok(devResult!.findings.some((f) => f.ruleId === 'scope/missing-default'), 'the sibling was linted');
        assert.equal(await loadModel(big), undefined);
      } finally {
        proto.read = origHandleRead;
        (fsp as { readFile: unknown }).readFile = origReadFile;
      }
      assert.deepEqual(wholeReads.filter((p) => p.endsWith('appsettings.json') || p.endsWith('Huge.cs')), []);
      assert.ok(bytesRead < 64 * 1024, `${bytesRead} bytes read in all (the two small files are < 1 KB)`);
      assert.ok(bytesRead > 0, `the probe saw no read at all (${JSON.stringify([...host.reads])})`);
      figures.inputs += 2;
    });

    it('the CLI says so on stderr, exits 2 and does not claim a clean run', async () => {
      const r = await runCli(['lint', d]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /appsettings\.json: is 100 MB, over the 16 MB limit for files this tool reads; skipped without reading it/);
      assert.doesNotMatch(r.stdout, /✔/);
      assert.match(r.stdout, /1 file not read/);
      const t = await runCli(['token', '--config', big, '--client-id', 'x']);
      assert.equal(t.code, 2);
      assert.match(t.stderr, /100 MB, over the 16 MB limit/);
      assert.doesNotMatch(t.stderr, /\n\s+at /, 'a stack trace');
    });
  });

  describe('unreadable: a folder and a FIFO where a file is expected', () => {
    let d: string;
    before(async () => {
      d = await dir('unreadable');
      await fsp.mkdir(path.join(d, 'appsettings.Staging.json'));
      execFileSync('mkfifo', [path.join(d, 'appsettings.json')]);
      execFileSync('mkfifo', [path.join(d, 'appsettings.Development.json')]);
      execFileSync('mkfifo', [path.join(d, 'Program.cs')]);
      await fsp.writeFile(path.join(d, 'appsettings.Production.json'), CONFIG);
    });

    it('lintPaths names each problem, never blocks on the FIFO, and lints the readable sibling', async () => {
      const results = await lintPaths([path.join(d, 'appsettings.json'), path.join(d, 'appsettings.Staging.json'), path.join(d, 'appsettings.Production.json')]);
      assert.match(results[0]!.error ?? '', /is not a regular file \(a pipe, socket or device\)/);
      assert.match(results[1]!.error ?? '', /is a folder, not a file/);
      assert.equal(results[2]!.error, undefined);
      assert.ok(results[2]!.findings.length > 0);
      // A FIFO read directly through the host returns nothing instead of waiting for a writer.
      assert.equal(await nodeHost.readFile(path.join(d, 'Program.cs')), undefined);
      figures.inputs += 3;
    });

    it('the CLI exits 2 with one line per unreadable file', async () => {
      const r = await runCli(['lint', d]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /appsettings\.json: is not a regular file/);
      assert.match(r.stderr, /appsettings\.Development\.json: is not a regular file/);
      assert.match(r.stdout, /2 files not read/);
    });
  });

  it('binary and mis-encoded files produce a bounded number of findings, never an exception', async () => {
    const d = await dir('binary');
    const cases: Record<string, Buffer> = {
      'appsettings.json': randomBytes(256 * 1024),
      'appsettings.Nul.json': Buffer.alloc(64 * 1024),
      'appsettings.Utf16Odd.json': Buffer.concat([Buffer.from([0xff, 0xfe]), randomBytes(4097)]),
      'appsettings.Bom.json': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from(CONFIG)]),
      'appsettings.Latin1.json': Buffer.from('{ "AzureAd": { "ClientId": "caf\xe9" } }', 'latin1'),
    };
    for (const [name, bytes] of Object.entries(cases)) await fsp.writeFile(path.join(d, name), bytes);
    const results = await lintPaths(Object.keys(cases).map((n) => path.join(d, n)));
    for (const r of results) {
      figures.inputs++;
      assert.equal(r.error, undefined, r.path);
      const size = cases[path.basename(r.path)]!.length;
      assert.ok(r.findings.length <= size, `${r.findings.length} findings for ${size} bytes`);
    }
    assert.ok(results[0]!.findings.some((f) => f.ruleId === 'json/syntax'));
  });

  describe('symbolic links', () => {
    let d: string;
    let outside: string;
    before(async () => {
      d = await dir('links/repo');
      outside = await dir('links/outside');
      await fsp.writeFile(path.join(outside, 'appsettings.json'), '{ "AzureAd": { "ClientSecret": "OutsideTheWorkspace~Secret1234567890" } }');
      await fsp.writeFile(path.join(outside, 'Secret.cs'), '// outside');
      await fsp.mkdir(path.join(d, 'src/App'), { recursive: true });
      await fsp.writeFile(path.join(d, 'src/App/appsettings.json'), CONFIG);
      await fsp.writeFile(path.join(d, 'src/App/App.csproj'), '<Project Sdk="Microsoft.NET.Sdk.Web" />');
      await fsp.writeFile(path.join(d, 'src/App/Worker.cs'), 'class W { void M() { app.AcquireTokenForClient(scopes); } }');
      // Loops at several levels, a link back to the root, a self link, and links out of the workspace.
      await fsp.symlink('..', path.join(d, 'src/App/up'));
      await fsp.symlink('.', path.join(d, 'src/App/self'));
      await fsp.symlink(d, path.join(d, 'src/App/root'));
      await fsp.symlink('loop-b', path.join(d, 'loop-a'));
      await fsp.symlink('loop-a', path.join(d, 'loop-b'));
      await fsp.symlink(outside, path.join(d, 'src/outside-dir'));
      await fsp.symlink(path.join(outside, 'appsettings.json'), path.join(d, 'src/App/appsettings.Production.json'));
      await fsp.symlink(path.join(outside, 'Secret.cs'), path.join(d, 'src/App/Secret.cs'));
    });

    it('findConfigFiles terminates, finds the real file once, and follows no link (in or out of the workspace)', async () => {
      const host = countingHost();
      const found = await findConfigFiles(d, host);
      assert.deepEqual(found, [path.join(d, 'src/App/appsettings.json')]);
      assert.ok(host.dirs < 10, `${host.dirs} folders read`);
      figures.inputs++;
    });

    it("ProjectCache's .cs walk and the overlay family terminate and read nothing behind a link", async () => {
      const host = countingHost();
      const projects = new ProjectCache(host);
      const hints = await projects.hintsFor(path.join(d, 'src/App/appsettings.json'));
      assert.equal(hints.projectDir, path.join(d, 'src/App'));
      assert.ok(host.dirs < 20, `${host.dirs} folders read`);
      assert.deepEqual([...host.reads.keys()].filter((p) => p.includes('Secret') || p.includes('outside')), []);
      const model = await loadModel(path.join(d, 'src/App/appsettings.json'), { host, projects });
      assert.equal(model!.family.length, 1, 'the linked appsettings.Production.json is not part of the family');
      figures.inputs++;
    });

    it('the CLI lints the repository without following the loops and never prints the outside secret', async () => {
      const r = await runCli(['lint', d, '--format', 'json']);
      assert.equal(r.code, 1);
      const out = JSON.parse(r.stdout) as { files: { path: string }[] };
      assert.equal(out.files.length, 1);
      assert.ok(!r.stdout.includes('OutsideTheWorkspace') && !r.stderr.includes('OutsideTheWorkspace'));
      const loop = await runCli(['lint', path.join(d, 'loop-a')]);
      assert.equal(loop.code, 2);
      assert.match(loop.stderr, /loop-a: a loop of symbolic links/);
    });
  });

  it('token --config in a repo whose project file is a FIFO, or whose UserSecretsId climbs out: ends promptly, reads nothing outside', async () => {
    const d = await dir('secrets-repo');
    const config = path.join(d, 'appsettings.json');
    await fsp.writeFile(config, JSON.stringify({ AzureAd: { Instance: 'https://login.microsoftonline.com/', TenantId: 'contoso.onmicrosoft.com', ClientId: '6c1ac2b5-52b1-4f0b-9f8f-7b1b3a3e0e11' } }));
    execFileSync('mkfifo', [path.join(d, 'App.csproj')]);
    const args = ['token', '--config', config, '--scope', 'https://graph.microsoft.com/.default', '--json'];
    const home = await dir('secrets-home');
    const fifo = await runCli(args, { env: { HOME: home }, killAfterMs: 15_000 });
    assert.equal(fifo.code, 2, `killed or wrong exit: ${fifo.code} ${fifo.stdout}${fifo.stderr}`);
    assert.match(fifo.stdout, /credential\/no-secret|no client secret|secret/i);
    // A UserSecretsId of "../../../elsewhere" would make ~/.microsoft/usersecrets/<id>/secrets.json a file of the attacker's choosing.
    await fsp.rm(path.join(d, 'App.csproj'));
    await fsp.writeFile(path.join(d, 'App.csproj'), '<Project><PropertyGroup><UserSecretsId>../../../planted</UserSecretsId></PropertyGroup></Project>');
    const planted = path.join(home, 'a', 'planted'); // where HOME/a/b/.microsoft/usersecrets/../../../planted lands
    await fsp.mkdir(planted, { recursive: true });
    await fsp.mkdir(path.join(home, '.microsoft', 'usersecrets'), { recursive: true });
    await fsp.writeFile(path.join(planted, 'secrets.json'), JSON.stringify({ 'AzureAd:ClientSecret': 'Planted~Secret.0123456789abcdef' }));
    const climb = await runCli(args, { env: { HOME: path.join(home, 'a', 'b') }, killAfterMs: 15_000 });
    assert.equal(climb.code, 2, climb.stdout + climb.stderr);
    assert.equal((JSON.parse(climb.stdout) as { error: { code: string } }).error.code, 'credential/no-secret', 'the planted secrets.json was used');
    figures.inputs += 2;
  });

  it('token --config whose certificate or federated-token path is a FIFO or 100 MB: explained, never hangs', async () => {
    const d = await dir('credential-paths');
    execFileSync('mkfifo', [path.join(d, 'cert.pfx')]);
    execFileSync('mkfifo', [path.join(d, 'token.jwt')]);
    await fsp.writeFile(path.join(d, 'big.pfx'), '');
    await fsp.truncate(path.join(d, 'big.pfx'), 100 * 1024 * 1024);
    const identity = { Instance: 'https://login.microsoftonline.com/', TenantId: 'contoso.onmicrosoft.com', ClientId: '6c1ac2b5-52b1-4f0b-9f8f-7b1b3a3e0e11' };
    const cases: [object, RegExp][] = [
      [{ SourceType: 'Path', CertificateDiskPath: 'cert.pfx' }, /credential\/certificate-file[\s\S]*is not a regular file/],
      [{ SourceType: 'Path', CertificateDiskPath: 'big.pfx' }, /credential\/certificate-file[\s\S]*100 MB, over the 16 MB limit/],
      [{ SourceType: 'SignedAssertionFilePath', SignedAssertionFileDiskPath: path.join(d, 'token.jwt') }, /credential\/assertion-file[\s\S]*is not a regular file/],
    ];
    for (const [credential, expected] of cases) {
      await fsp.writeFile(path.join(d, 'appsettings.json'), JSON.stringify({ AzureAd: { ...identity, ClientCredentials: [credential] } }));
      const r = await runCli(['token', '--config', path.join(d, 'appsettings.json'), '--scope', 'https://graph.microsoft.com/.default', '--json'], { killAfterMs: 15_000 });
      figures.inputs++;
      assert.ok(r.code === 2 || r.code === 1, `killed (hung?) or crashed: ${r.code} ${r.stdout}${r.stderr}`);
      assert.match(r.stdout, expected);
    }
  });

  it('a reader that goes away (lint | head): the CLI stops quietly with exit 2, no stack trace', async () => {
    const d = await dir('many');
    for (let i = 0; i < 300; i++) await fsp.writeFile(path.join(d, `appsettings.E${i}.json`), '{ "AzureAd": { "ClientId": "x", "TenantId": "common", } ');
    const child = spawn(process.execPath, [CLI, 'lint', d], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // Read one chunk, then close our end of the pipe, as `head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    assert.equal(code, 2, stderr);
    assert.doesNotMatch(stderr, /EPIPE|\n\s+at /);
  });

  it('a file rewritten, truncated and deleted while it is being linted: every run ends with findings or a reason', async () => {
    const d = await dir('changing');
    const file = path.join(d, 'appsettings.json');
    const variants = [CONFIG, '{ "AzureAd": { "TenantId": "common", "ClientId": "x" } }', '{ "AzureAd": ', '', 'x'.repeat(300_000)];
    await fsp.writeFile(file, CONFIG);
    let stop = false;
    let writes = 0;
    const writer = (async () => {
      for (let i = 0; !stop && i < 5000; i++) {
        const v = variants[i % variants.length]!;
        if (i % 7 === 3) await fsp.rm(file, { force: true });
        else if (i % 2) await fsp.writeFile(file, v); // truncate + write in place: readers can see a partial file
        else {
          await fsp.writeFile(`${file}.tmp`, v);
          await fsp.rename(`${file}.tmp`, file); // atomic replace
        }
        writes++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const projects = new ProjectCache(nodeHost);
    let runs = 0;
    try {
      // Until the file has changed often enough under the linter (bounded either way), however busy the machine.
      for (; runs < 3000 && (runs < 100 || writes < 40); runs++) {
        const [r] = await lintPaths([file], { projects });
        assert.ok(r, 'no result');
        if (r.error) assert.match(r.error, /appsettings\.json (no such file|cannot be read|is )/);
        for (const f of r.findings) assert.ok(f.range.start.line >= 0 && f.message.length > 0);
      }
    } finally {
      stop = true;
      await writer;
    }
    assert.ok(writes >= 40, `the file changed only ${writes} times in ${runs} runs`);
    figures.inputs += runs;
  });
});
