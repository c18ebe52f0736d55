// `npm run package` builds the .vsix users install; this lists what is inside and fails on anything
// that must not ship: sources, test fixtures, samples, source maps, keys and certificates, secrets.
// The allow-list lives in .vscodeignore; this test is its independent check. Reports the size.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readZip, type ZipEntry } from './zip';

const ROOT = path.resolve(__dirname, '..', '..');

function run(cmd: string, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? 1, out }));
  });
}

/** What may ship: the manifest files vsce writes, the bundles, media, schemas and the docs. */
const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/(readme|changelog)\.md$/i,
  /^extension\/LICENSE(\.txt)?$/i,
  /^extension\/dist\/(extension|tools|hover|editor|webview|forge)\.js$/,
  /^extension\/media\/[\w./-]+\.(png|css|md)$/,
  /^extension\/schemas\/[\w.-]+\.schema\.json$/,
];

/** Never in a package, whatever the allow-list says. */
const FORBIDDEN: Array<[RegExp, string]> = [
  [/\.map$/i, 'source map'],
  [/\.(ts|tsx|mts|cts)$/i, 'TypeScript source'],
  [/(^|\/)(src|test|tests|fixtures|samples|bench|scripts|node_modules|\.e2e|\.vscode|\.git|out|test-results)\//i, 'sources, tests, fixtures or build folders'],
  [/\.(pem|key|pfx|p12|cer|crt|der|jks|snk|env)$/i, 'key or certificate file'],
  [/(^|\/)(secrets|user-?secrets)\.json$/i, 'secrets file'],
  [/\.vsix$/i, 'a nested package'],
];

/** Content that means a key or a credential was bundled: a PEM block with a body, an Entra-shaped secret. */
const SECRET_CONTENT: Array<[RegExp, string]> = [
  [/-----BEGIN ((RSA |EC |ENCRYPTED )?PRIVATE KEY|CERTIFICATE)-----\s*[A-Za-z0-9+/=\s]{64,}/, 'PEM key or certificate'],
  [/(?<![\w~.-])[A-Za-z0-9_.-]{3}\dQ~[A-Za-z0-9_.~-]{31,34}(?![\w~.-])/, 'Entra client-secret value'],
  [/sourceMappingURL=/, 'source map reference'],
];

describe('the .vsix built by `npm run package`', function () {
  this.timeout(180_000);
  let dir: string;
  let vsix: string;
  let entries: ZipEntry[];
  const entry = (name: string): ZipEntry => {
    const e = entries.find((x) => x.name === name);
    assert.ok(e, `${name} is in the package`);
    return e;
  };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entra-vsix-'));
    vsix = path.join(dir, 'entra-app-doctor.vsix');
    const res = await run('npm', ['run', '--silent', 'package', '--', '--out', vsix]);
    assert.equal(res.code, 0, `npm run package failed:\n${res.out.slice(-3000)}`);
    entries = readZip(fs.readFileSync(vsix));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('contains only allow-listed files, and the bundles, icon, schema and docs are among them', () => {
    const names = entries.map((e) => e.name).filter((n) => !n.endsWith('/'));
    const stray = names.filter((n) => !ALLOWED.some((r) => r.test(n)));
    assert.deepEqual(stray, [], `not on the allow-list: ${stray.join(', ')}`);
    for (const n of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/tools.js', 'extension/dist/hover.js',
      'extension/dist/editor.js', 'extension/dist/forge.js', 'extension/dist/webview.js', 'extension/media/icon.png',
      'extension/media/inspector.css', 'extension/schemas/appsettings-entra.schema.json']) entry(n);
    assert.ok(names.some((n) => /^extension\/readme\.md$/i.test(n)) && names.some((n) => /^extension\/changelog\.md$/i.test(n)));
    assert.ok(names.some((n) => /^extension\/LICENSE/i.test(n)), 'LICENSE ships');
  });

  it('splits the extension: activation loads dist/extension.js, which requires the commands, hovers, code actions, lenses and PFX parser only on first use', () => {
    const text = (name: string): string => entry(`extension/dist/${name}`).read().toString('utf8');
    const main = text('extension.js');
    const tools = text('tools.js');
    const hover = text('hover.js');
    // What VS Code loads at activation: the linter, and requires of the lazy bundles (inside functions, not at the top).
    assert.match(main, /require\("\.\/tools\.js"\)/);
    assert.match(main, /require\("\.\/hover\.js"\)/);
    assert.match(main, /require\("\.\/editor\.js"\)/);
    // The quick fixes (and the user-secrets offer) and the lenses' titles are in editor.js only.
    for (const marker of ['Fix all Entra issues in this file', 'Move this secret to .NET user secrets', 'Acquire App Token']) {
      assert.ok(!main.includes(marker), `dist/extension.js does not contain ${marker}`);
      assert.ok(text('editor.js').includes(marker), `dist/editor.js contains ${marker}`);
    }
    // The token stack — the inspector, the AADSTS catalogue's OAuth errors, the HTTP client — is in tools.js only.
    for (const marker of ['Token Inspector', 'invalid_client', 'require("node:https")']) {
      assert.ok(!main.includes(marker), `dist/extension.js does not contain ${marker}`);
      assert.ok(tools.includes(marker), `dist/tools.js contains ${marker}`);
    }
    // Hover texts in hover.js only; node-forge (its PKCS#12 OID) in forge.js only, required by the token code.
    assert.ok(!main.includes('v1.0 token audience') && hover.includes('v1.0 token audience'));
    for (const [name, body] of [['extension.js', main], ['tools.js', tools], ['hover.js', hover]] as const) {
      assert.ok(!body.includes('1.2.840.113549.1.12.10.1.2'), `node-forge is not bundled into ${name}`);
    }
    assert.match(tools, /(require|import)\("\.\/forge\.js"\)/);
    assert.ok(text('forge.js').includes('1.2.840.113549.1.12.10.1.2'));
    // The split is what keeps activation small (docs/BENCHMARKS.md, extension.bundle: ≤ 150 KB).
    assert.ok(main.length < tools.length, `extension.js (${main.length} bytes) is smaller than tools.js (${tools.length} bytes)`);
  });

  it('has no sources, test fixtures, maps, keys, certificates or secrets — by name or by content', () => {
    const bad: string[] = [];
    for (const e of entries) {
      for (const [re, what] of FORBIDDEN) if (re.test(e.name)) bad.push(`${e.name} (${what})`);
      if (/\.(js|json|md|css|xml|txt|vsixmanifest)$/i.test(e.name) || /LICENSE/i.test(e.name)) {
        const text = e.read().toString('utf8');
        for (const [re, what] of SECRET_CONTENT) if (re.test(text)) bad.push(`${e.name} contains a ${what}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('ships the manifest a gallery shows: icon (128×128 PNG), banner, categories, keywords, repository, MIT license, walkthrough media', () => {
    const manifest = JSON.parse(entry('extension/package.json').read().toString('utf8')) as {
      icon?: string; galleryBanner?: { color?: string }; categories?: string[]; keywords?: string[]; license?: string;
      repository?: { url?: string }; scripts?: Record<string, string>; devDependencies?: unknown;
      contributes?: { walkthroughs?: Array<{ steps: Array<{ media: { markdown?: string; image?: string } }> }> };
    };
    assert.equal(manifest.icon, 'media/icon.png');
    const png = entry('extension/media/icon.png').read();
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'icon is 128×128');
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.ok((manifest.categories ?? []).length >= 2 && (manifest.keywords ?? []).includes('entra'));
    assert.match(manifest.repository?.url ?? '', /^https:\/\/github\.com\//);
    assert.equal(manifest.license, 'MIT');
    assert.match(entry(entries.find((e) => /^extension\/LICENSE/i.test(e.name))!.name).read().toString('utf8'), /^MIT License/);
    const steps = manifest.contributes?.walkthroughs?.[0]?.steps ?? [];
    assert.ok(steps.length >= 3, 'a walkthrough with open / fix / acquire steps');
    for (const s of steps) {
      const md = s.media.markdown ?? s.media.image;
      assert.ok(md, 'each step has media');
      const text = entry(`extension/${md}`).read().toString('utf8');
      // Pictures a step shows must ship too.
      for (const m of text.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) entry(path.posix.normalize(`extension/${path.posix.dirname(md)}/${m[1]}`));
    }
  });

  it('CHANGELOG uses "### Version x.y.z" sections, the package version among them', () => {
    const manifest = JSON.parse(entry('extension/package.json').read().toString('utf8')) as { version: string };
    const changelog = entries.find((e) => /^extension\/changelog\.md$/i.test(e.name))!.read().toString('utf8');
    const versions = [...changelog.matchAll(/^### Version (\d+\.\d+\.\d+)\b/gm)].map((m) => m[1]);
    assert.ok(versions.includes(manifest.version), `### Version ${manifest.version} in CHANGELOG.md (found ${versions.join(', ') || 'none'})`);
  });

  it('stays small (size reported)', () => {
    const size = fs.statSync(vsix).size;
    const unpacked = entries.reduce((n, e) => n + e.size, 0);
    console.log(`      .vsix: ${(size / 1024).toFixed(0)} KB, ${entries.length} entries, ${(unpacked / 1024).toFixed(0)} KB unpacked`);
    // Three bundles, the icon and the screenshots: far below this; a bundled node_modules or fixture tree is not.
    assert.ok(size < 3 * 1024 * 1024, `${size} bytes`);
  });
});
