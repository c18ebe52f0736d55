// The production extension is split (esbuild.mjs): VS Code loads dist/extension.js at activation; the
// commands come from dist/tools.js, the hovers from dist/hover.js, the code actions and the lenses'
// sections from dist/editor.js when first used. Checked on real
// production bundles, activated in a fresh node process with the benchmark's stub `vscode`
// (bench/activate.cjs), which reports the bundle files required so far.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

interface Activation {
  scannedBeforeReturn: number;
  loaded: string[];
  builtins: string[];
  registered: string[];
  results?: unknown[];
  loadedAfter?: string[];
}

describe('extension bundles: what loads at activation and on first use', function () {
  this.timeout(120_000);
  let dir: string;
  let extension: string;

  /** Activates in a fresh process, then runs the given commands (or `hover`) one after the other. */
  function activate(commands: string[], testMode = false): Activation {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'activate.cjs'), extension, ...commands], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, BENCH_EXTENSION_MODE: testMode ? '3' : '1' },
    });
    assert.equal(r.status, 0, r.stderr.slice(-2000));
    return JSON.parse(r.stdout.trim()) as Activation;
  }

  before(() => {
    // A private production build (dist/ is rebuilt by other tests): the project's esbuild.mjs over links to the sources.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entra-bundles-'));
    for (const name of ['src', 'node_modules', 'package.json', 'tsconfig.json']) fs.symlinkSync(path.join(ROOT, name), path.join(dir, name));
    fs.copyFileSync(path.join(ROOT, 'esbuild.mjs'), path.join(dir, 'esbuild.mjs'));
    const r = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stderr}${r.stdout}`);
    extension = path.join(dir, 'dist', 'extension.js');
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('activation requires dist/extension.js alone, no network or crypto module, and lists no folder before it returns', () => {
    const a = activate([]);
    assert.deepEqual(a.loaded, ['extension.js']);
    assert.equal(a.scannedBeforeReturn, 0);
    for (const m of ['http', 'https', 'crypto', 'tls', 'net']) assert.ok(!a.builtins.includes(m), `node:${m} is not required at activation (${a.builtins.join(', ')})`);
    assert.ok(a.builtins.includes('path'), 'the built-ins are recorded');
  });

  it('activation registers every contributed command (their code loads later), and no test seam outside test mode', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
    const a = activate([]);
    const missing = manifest.contributes.commands.map((c) => c.command).filter((id) => !a.registered.includes(id));
    assert.deepEqual(missing, []);
    assert.ok(a.registered.includes('entraAppDoctor.moveSecretToUserSecrets'), 'the quick fix command');
    assert.deepEqual(a.registered.filter((id) => id.includes('._test.')), []);
    assert.ok(activate([], true).registered.includes('entraAppDoctor._test.notifications'));
  });

  it('the first command loads dist/tools.js (and not the hovers), and the command runs from it', () => {
    // Test mode: the notification seam (in tools.js) records what the command showed.
    const a = activate(['entraAppDoctor.generateAdminConsentUrl', 'entraAppDoctor._test.notifications'], true);
    assert.deepEqual(a.loaded, ['extension.js']);
    assert.deepEqual(a.loadedAfter, ['extension.js', 'tools.js']);
    // The stub workspace has no appsettings*.json: the command says so.
    assert.deepEqual(a.results?.[1], [{ level: 'warning', message: 'No appsettings*.json with an identity section (ClientId, TenantId) in this workspace.', items: [] }]);
  });

  it('the first hover loads dist/hover.js (and not the commands) and explains the scope', () => {
    const a = activate(['hover']);
    assert.deepEqual(a.loadedAfter, ['extension.js', 'hover.js']);
    const [texts] = a.results as [string[]];
    assert.equal(texts.length, 1);
    assert.match(texts[0]!, /^\*\*Scope\*\* `https:\/\/graph\.microsoft\.com\/\.default`/);
    assert.match(texts[0]!, /Microsoft Graph/);
  });

  it('the first code action request loads dist/editor.js (not the commands or hovers), which builds fix-all from the linter\'s findings', () => {
    // A named Graph permission in an app-only list: scope/missing-default, whose preferred fix is /.default.
    const config = {
      AzureAd: { Instance: 'https://login.microsoftonline.com/', TenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', ClientId: '6e74172b-be56-4843-9ff4-e66a39bb12e3' },
      DownstreamApis: { Graph: { BaseUrl: 'https://graph.microsoft.com/v1.0', RequestAppToken: true, Scopes: ['https://graph.microsoft.com/User.Read.All'] } },
    };
    fs.writeFileSync(path.join(dir, 'appsettings.json'), JSON.stringify(config, null, 2));
    try {
      const a = activate(['codeActions']);
      assert.deepEqual(a.loaded, ['extension.js']);
      assert.deepEqual(a.loadedAfter, ['editor.js', 'extension.js']);
      assert.deepEqual(a.results, [[{ title: 'Fix all Entra issues in this file', kind: 'source.fixAll.entraAppDoctor', edits: ['"https://graph.microsoft.com/.default"'] }]]);
    } finally {
      fs.rmSync(path.join(dir, 'appsettings.json'));
    }
  });

  it('the first CodeLens request loads dist/editor.js, which puts both lenses on each identity and downstream API section', () => {
    const a = activate(['codeLens']);
    assert.deepEqual(a.loaded, ['extension.js']);
    assert.deepEqual(a.loadedAfter, ['editor.js', 'extension.js']);
    const ref = (p: string[], kind: string) => ({ uri: 'file:///ws/appsettings.json', path: p, kind });
    assert.deepEqual(a.results, [
      [
        { title: 'Acquire App Token', command: 'entraAppDoctor.acquireAppToken', arguments: [ref(['AzureAd'], 'identity')], line: 1 },
        { title: 'Admin consent URL', command: 'entraAppDoctor.adminConsentUrl', arguments: [ref(['AzureAd'], 'identity')], line: 1 },
        { title: 'Acquire App Token', command: 'entraAppDoctor.acquireAppToken', arguments: [ref(['DownstreamApis', 'Graph'], 'downstream')], line: 2 },
        { title: 'Admin consent URL', command: 'entraAppDoctor.adminConsentUrl', arguments: [ref(['DownstreamApis', 'Graph'], 'downstream')], line: 2 },
      ],
    ]);
  });
});
