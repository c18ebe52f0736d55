// `npm start` (scripts/start.mjs) as a new user runs it: it must finish, show the whole flow on
// samples/daemon-app, never print the secret, and leave no emulator running.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const SECRET = 'Dm08Q~startTestFakeSecretValue0123456789';

function refused(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    s.once('connect', () => { s.destroy(); resolve(false); });
    s.once('error', () => resolve(true));
  });
}

describe('npm start (scripts/start.mjs)', function () {
  this.timeout(180_000);
  let out = '';
  let code: number | null = null;

  before(async () => {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs')], {
        cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', ENTRA_DEMO_SECRET: SECRET, ENTRA_CLIENT_SECRET: '' },
      });
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.once('error', reject);
      child.once('exit', (c) => { code = c; resolve(); });
    });
  });

  it('finishes with exit 0 after every step', () => {
    assert.equal(code, 0, out.slice(-3000));
    for (const n of [1, 2, 3, 4, 5, 6, 7]) assert.match(out, new RegExp(`── ${n}\\. `));
    assert.match(out, /\nDone\. Install the extension with code --install-extension entra-app-doctor-\d+\.\d+\.\d+\.vsix/);
  });

  it('shows what a user sees: both lint errors, Entra\'s refusal explained, the fixes, the role, the consent URL', () => {
    assert.match(out, /error\s+scope\/missing-default/);
    assert.match(out, /error\s+scope\/v1-trailing-slash/);
    assert.match(out, /AADSTS1002012/);
    assert.match(out, /scope\/missing-default: Request "https:\/\/graph\.microsoft\.com\/\.default"/);
    assert.match(out, /scope\/v1-trailing-slash: Use "https:\/\/database\.windows\.net\/\/\.default"/);
    assert.match(out, /0 errors, 0 warnings/);
    assert.match(out, /Token acquired for https:\/\/graph\.microsoft\.com\/\.default/);
    assert.match(out, /Roles\s+User\.Read\.All/);
    assert.match(out, /https:\/\/login\.microsoftonline\.com\/contoso\.onmicrosoft\.com\/adminconsent\?client_id=6e1f3c2a-4b5d-4e8f-9a0b-1c2d3e4f5a6b/);
  });

  it('never prints the secret or a whole token', () => {
    assert.ok(!out.includes(SECRET), 'the secret is not in the output');
    assert.ok(!/eyJ[\w-]{20,}\.[\w-]{20,}\.[\w-]{20,}/.test(out), 'no raw JWT in the output');
  });

  it('stops the emulator it started', async () => {
    const m = /instance (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(out);
    assert.ok(m, 'the emulator\'s instance is printed');
    assert.ok(await refused('127.0.0.1', Number(m[2])), 'nothing listens on the emulator\'s port any more');
  });
});
