// The CLI lints through findConfigFilesSync + lintPathsSync (synchronous reads, each folder listed once);
// the extension and library callers through the async findConfigFiles + lintPaths. Both must find the
// same files and give the same findings, in the same order, for every kind of folder a repository holds.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeHost, ProjectCache } from '../../src/core/config';
import { syncNodeHost, type DirEntry, type SyncWorkspaceHost } from '../../src/core/config/host';
import { SyncProjectCache } from '../../src/core/config/load-sync';
import { collatesAsRoot, findConfigFiles, findConfigFilesSync, lintPaths, lintPathsSync, listingOnceSync, rootCompare } from '../../src/core/lint';
import { runCli } from '../support/run-cli';

const ID = '6c1ac2b5-52b1-4f0b-9f8f-7b1b3a3e0e11';
const BASE = `{
  // daemon
  "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "contoso.onmicrosoft.com", "ClientId": "${ID}" },
  "DownstreamApis": {
    "Graph": { "BaseUrl": "https://graph.microsoft.com/v1.0", "Scopes": [ "User.Read.All" ] },
    "Mine": { "BaseUrl": "https://api.contoso.com", "Scopes": "api://${ID}/.default", },
  },
}
`;
const DEV = '{ "AzureAd": { "ClientId": "", "ClientSecret": "abc8Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" }, "DownstreamApis": { "Graph": { "Scopes": [ "https://graph.microsoft.com/User.Read" ] } } }';
const PROD = '{ "AzureAd": { "Instance": "https://login.microsoftonline.us/", "TenantId": "Enter_the_Tenant_Id_Here" } }';
const PROGRAM = `var app = builder.Build();
// await api.GetForUserAsync<object>("Mine");
app.MapGet("/", async (IDownstreamApi api) => await api.GetForAppAsync<object>("Graph"));
`;
const WORKER = `class Worker { async Task Run(ITokenAcquisition t) { await t.GetAccessTokenForAppAsync("https://graph.microsoft.com/.default"); } }
services.AddDownstreamApi("Mine", o => { o.RequestAppToken = true; }, builder.Configuration.GetSection("Mine"));
`;

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** A sync host that counts listings per folder and reads per file. */
function counting(host: SyncWorkspaceHost): SyncWorkspaceHost & { listed: Map<string, number>; read: Map<string, number> } {
  const listed = new Map<string, number>();
  const read = new Map<string, number>();
  return {
    listed,
    read,
    readDirSync(p: string): DirEntry[] | undefined {
      listed.set(p, (listed.get(p) ?? 0) + 1);
      return host.readDirSync(p);
    },
    readFileSync(p: string) {
      read.set(p, (read.get(p) ?? 0) + 1);
      return host.readFileSync(p);
    },
    readDir: (p) => host.readDir(p),
    readFile: (p) => host.readFile(p),
    explainUnreadableSync: host.explainUnreadableSync,
  };
}

describe('lint: the synchronous pipeline (CLI) gives what the async one gives', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'entra-lint-sync-'));
    // A project with overlays, C# in the project folder and below it, and a commented-out user call.
    write(path.join(root, 'src/Api/Api.csproj'), `<Project><PropertyGroup><UserSecretsId>${ID}</UserSecretsId></PropertyGroup></Project>`);
    write(path.join(root, 'src/Api/appsettings.json'), BASE);
    write(path.join(root, 'src/Api/appsettings.Development.json'), DEV);
    write(path.join(root, 'src/Api/appsettings.Production.json'), PROD);
    write(path.join(root, 'src/Api/Program.cs'), PROGRAM);
    write(path.join(root, 'src/Api/Services/Worker.cs'), WORKER);
    write(path.join(root, 'src/Api/bin/Debug/appsettings.json'), '{ broken');
    // Config in a subfolder, the .csproj two levels up.
    write(path.join(root, 'src/Jobs/Jobs.csproj'), '<Project Sdk="Microsoft.NET.Sdk.Worker" />');
    write(path.join(root, 'src/Jobs/Config/Env/appsettings.json'), BASE.replace('User.Read.All', '.default'));
    write(path.join(root, 'src/Jobs/Job.cs'), WORKER);
    // No project at all, a syntax error, CRLF and a BOM.
    write(path.join(root, 'tools/appsettings.json'), `\ufeff${BASE.replace(/\n/g, '\r\n').replace('"Instance"', '"Instance" "x"')}`);
    // Unreadable members of a family: a folder and a FIFO named like overlays.
    fs.mkdirSync(path.join(root, 'src/Api/appsettings.Folder.json'));
    execFileSync('mkfifo', [path.join(root, 'src/Api/appsettings.Pipe.json')]);
    write(path.join(root, 'node_modules/pkg/appsettings.json'), '{ broken');
    fs.symlinkSync(path.join(root, 'src'), path.join(root, 'tools/src-link'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('finds the same files in the same order', async () => {
    const sync = findConfigFilesSync(root, syncNodeHost);
    assert.deepEqual(sync, await findConfigFiles(root, nodeHost));
    assert.deepEqual(
      sync.map((p) => path.relative(root, p)),
      [
        'src/Api/appsettings.Development.json',
        'src/Api/appsettings.json',
        'src/Api/appsettings.Pipe.json',
        'src/Api/appsettings.Production.json',
        'src/Jobs/Config/Env/appsettings.json',
        'tools/appsettings.json',
      ],
    );
  });

  it('gives the same findings, errors and order, and each folder is listed once in a run', async () => {
    const host = counting(syncNodeHost);
    const once = listingOnceSync(host);
    // A folder named like an overlay is walked, not linted; given as a path (as on the command line) it is an error.
    const files = [...findConfigFilesSync(root, once), path.join(root, 'src/Api/appsettings.Folder.json')];
    const sync = lintPathsSync(files, { host: once });
    const viaAsync = await lintPaths(files);
    assert.deepEqual(sync, viaAsync);
    // What the comparison covers: findings from the family, the C# scan and the .csproj two levels up.
    const byName = new Map(sync.map((r) => [path.relative(root, r.path), r]));
    assert.match(byName.get('src/Api/appsettings.Folder.json')!.error!, /is a folder, not a file/);
    assert.match(byName.get('src/Api/appsettings.Pipe.json')!.error!, /is not a regular file/);
    assert.ok(byName.get('src/Api/appsettings.json')!.findings.some((f) => f.ruleId === 'scope/missing-default'));
    assert.ok(byName.get('src/Api/appsettings.json')!.findings.some((f) => f.related?.some((r) => r.file.endsWith('Program.cs'))));
    assert.ok(byName.get('tools/appsettings.json')!.findings.some((f) => f.ruleId === 'json/syntax'));
    // The overlay's empty ClientId is filled by appsettings.json: judged with its family, it is not reported.
    const dev = byName.get('src/Api/appsettings.Development.json')!.findings;
    assert.ok(dev.length > 0 && !dev.some((f) => f.message.includes("'AzureAd:ClientId' is empty")), JSON.stringify(dev.map((f) => f.message)));
    const tools = byName.get('tools/appsettings.json')!.findings;
    assert.ok(!tools.some((f) => f.related?.some((r) => r.file.endsWith('.cs'))), 'no project: no C# hints');
    assert.ok(sync.every((r) => r.error || r.findings.length > 0));
    for (const [dir, n] of host.listed) assert.equal(n, 1, `${dir} listed ${n} times`);
    assert.ok(host.listed.has(path.join(root, 'src/Api/Services')), 'the C# scan went through the same listings');
    // Each readable family member is read once for the whole run, not once per member.
    assert.equal(host.read.get(path.join(root, 'src/Api/appsettings.Production.json')), 1);
    assert.equal(host.read.get(path.join(root, 'src/Api/Services/Worker.cs')), 1);
  });

  it('SyncProjectCache finds the hints ProjectCache finds, and serves both APIs from one cache', async () => {
    const file = path.join(root, 'src/Jobs/Config/Env/appsettings.json');
    const projects = new SyncProjectCache(syncNodeHost);
    const hints = projects.hintsForSync(file);
    assert.equal(hints.projectDir, path.join(root, 'src/Jobs'));
    assert.ok(hints.appTokenSections.has('mine'));
    assert.equal(await projects.hintsFor(file), hints, 'the same cached hints');
    assert.deepEqual(await new ProjectCache(nodeHost).hintsFor(file), hints);
    const other = path.join(root, 'src/Api/appsettings.json');
    const viaAsyncApi = await new SyncProjectCache(syncNodeHost).hintsFor(other);
    assert.deepEqual(viaAsyncApi, await new ProjectCache(nodeHost).hintsFor(other));
    assert.ok(viaAsyncApi.anyAppTokenCall && viaAsyncApi.userSecretsId, 'the hints compared are not empty');
  });

  it('the CLI never waits on a pipe: one given as a path, or where the project file and C# code should be', () => {
    const d = path.join(root, 'pipes');
    write(path.join(d, 'appsettings.json'), BASE);
    execFileSync('mkfifo', [path.join(d, 'App.csproj')]);
    execFileSync('mkfifo', [path.join(d, 'Program.cs')]);
    execFileSync('mkfifo', [path.join(d, 'appsettings.Local.json')]);
    // spawnSync's timeout would end a blocked run (and this test) with a signal instead of an exit code.
    const r = runCli(['lint', d, path.join(d, 'appsettings.Local.json'), '--format', 'json'], { cwd: root });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /pipes\/appsettings\.Local\.json: is not a regular file \(a pipe, socket or device\); not read\n/);
    const out = JSON.parse(r.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] };
    assert.deepEqual(out.files.map((f) => f.path), ['pipes/appsettings.json']);
    assert.ok(out.files[0]!.findings.length > 0);
  });

  it('a file rewritten, truncated and deleted by another process while it is linted: every run ends with findings or a reason', async () => {
    const d = path.join(root, 'changing');
    const file = path.join(d, 'appsettings.json');
    write(file, BASE);
    // The writer is another process: this one is busy with synchronous reads.
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('fs'); const f = process.argv[1]; const v = [process.argv[2], '{ "AzureAd": ', '', 'x'.repeat(300000)];
         for (let i = 0; i < 20000; i++) { try { if (i % 7 === 3) fs.rmSync(f, { force: true }); else if (i % 2) fs.writeFileSync(f, v[i % 4]); else { fs.writeFileSync(f + '.tmp', v[i % 4]); fs.renameSync(f + '.tmp', f); } } catch {} }`,
        file,
        BASE,
      ],
      { stdio: 'ignore' },
    );
    const exited = new Promise((resolve) => writer.on('exit', resolve));
    const seen = new Set<string>();
    try {
      // Until the file has been seen whole, broken and gone (bounded either way), however busy the machine.
      for (let run = 0; run < 5000 && (run < 400 || seen.size < 3); run++) {
        const [r] = lintPathsSync([file], { host: listingOnceSync(syncNodeHost) });
        assert.ok(r, 'no result');
        if (r.error) assert.match(r.error, /^appsettings\.json (no such file|cannot be read|is )/);
        else for (const f of r.findings) assert.ok(f.range.start.line >= 0 && f.message.length > 0);
        seen.add(r.error ? 'error' : r.findings.some((f) => f.ruleId === 'json/syntax') ? 'syntax' : 'parsed');
        if (run % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      writer.kill();
      await exited;
    }
    assert.ok(seen.size >= 2, `the file never changed under the linter: ${[...seen].join(', ')}`);
  });
});

describe('findConfigFilesSync: folder order without ICU (rootCompare)', () => {
  const rng = (seed: number) => () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const ALPHABET = 'aAbBzZyYiI09_-. ';

  it('rootCompare orders names as localeCompare does under root collation (en, und)', () => {
    const en = new Intl.Collator('en');
    const und = new Intl.Collator('und');
    const r = rng(7);
    const names: string[] = ['', 'a', 'A', 'aa', 'Aa', 'aA', 'a_b', 'a-b', 'a.b', 'a b', 'ab', 'a1', 'a10', 'a9', '_', '-', '.', ' ', 'appsettings.json', 'appsettings.Development.json', 'Program.cs'];
    for (let i = 0; i < 3000; i++) {
      const base = names[Math.floor(r() * names.length)]!;
      let s = r() < 0.5 ? base : '';
      for (let n = Math.floor(r() * 6); n > 0; n--) s += ALPHABET[Math.floor(r() * ALPHABET.length)];
      names.push(s);
    }
    for (let i = 0; i + 1 < names.length; i++) {
      const [a, b] = [names[i]!, names[(i * 7919) % names.length]!];
      assert.equal(Math.sign(rootCompare(a, b)), Math.sign(en.compare(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      assert.equal(Math.sign(rootCompare(a, b)), Math.sign(und.compare(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)} (und)`);
    }
    assert.deepEqual([...names].sort(rootCompare), [...names].sort(en.compare));
  });

  it('lists folders in localeCompare order, with ICU for names it cannot order and under other locales', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'entra-lint-order-'));
    try {
      for (const d of ['b', 'B', 'a_b', 'a-b', 'a.b', 'a b', 'A', '10', '9', 'aa', 'z']) write(path.join(root, 'plain', d, 'appsettings.json'), '{}');
      for (const d of ['e', 'é', 'f', 'E', 'ea']) write(path.join(root, 'accents', d, 'appsettings.json'), '{}');
      write(path.join(root, 'plain', 'appsettings.Development.json'), '{}');
      write(path.join(root, 'plain', 'APPSETTINGS.json'), '{}');
      const sorted = (dir: string) =>
        fs.readdirSync(dir).sort((a, b) => a.localeCompare(b)).flatMap((n) => (fs.statSync(path.join(dir, n)).isDirectory() ? [path.join(dir, n, 'appsettings.json')] : [path.join(dir, n)]));
      assert.equal(collatesAsRoot(), ['en', 'en-US', 'en-GB', 'und'].includes(new Intl.PluralRules().resolvedOptions().locale));
      const found = findConfigFilesSync(root, syncNodeHost);
      assert.deepEqual(found, [...sorted(path.join(root, 'accents')), ...sorted(path.join(root, 'plain'))]);
      // Danish collation puts 'aa' after 'z': the same search in a Danish process must follow it
      // (when this Node has Danish collation data at all).
      if (new Intl.Collator('da').compare('aa', 'z') < 0) return;
      const danish = execFileSync(
        process.execPath,
        ['--import', 'tsx', '-e', `const l = require(${JSON.stringify(path.resolve(__dirname, '../../src/core/lint'))}); const h = require(${JSON.stringify(path.resolve(__dirname, '../../src/core/config/host'))}); console.log(JSON.stringify([l.collatesAsRoot(), l.findConfigFilesSync(process.argv[1], h.syncNodeHost)]))`, path.join(root, 'plain')],
        { env: { ...process.env, LC_ALL: 'da_DK.UTF-8', LANG: 'da_DK.UTF-8' }, encoding: 'utf8' },
      );
      const [danishRoot, danishFound] = JSON.parse(danish) as [boolean, string[]];
      assert.equal(danishRoot, false);
      const names = danishFound.map((p) => path.relative(path.join(root, 'plain'), p).split(path.sep)[0]);
      assert.ok(names.indexOf('aa') > names.indexOf('z'), names.join(' '));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
