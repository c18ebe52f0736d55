// `entra-doctor decode` as a real child process (dist/cli.js; `node esbuild.mjs` builds it).
import * as assert from 'node:assert/strict';
import { runCli } from '../support/run-cli';
import { appToken, CLIENT_ID, DOCS_V2_SAMPLE, TENANT } from './tokens';

describe('cli: entra-doctor decode', () => {
  it('explains a token with roles, exit 0, never prints the raw token', async () => {
    const token = await appToken({ aud: 'https://graph.microsoft.com', roles: ['User.Read.All'] });
    const r = runCli(['decode', token]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Verdict\s+✔ roles User\.Read\.All/);
    assert.match(r.stdout, /v2\.0 app-only token \(client credentials\) for Microsoft Graph/);
    assert.match(r.stdout, /azpacr\s+1\s+— client secret/);
    const [h, p, s] = token.split('.') as [string, string, string];
    assert.ok(!r.stdout.includes(p) && !r.stdout.includes(s) && !r.stdout.includes(`${h}.`), 'raw token printed');
  });

  it('reads the token from stdin with "-" and reports no roles with the consent URL, exit 1', async () => {
    const token = await appToken({ version: '1.0', aud: 'api://orders' });
    const r = runCli(['decode', '-'], { input: `Bearer ${token}\n` });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /✖ no roles: admin consent missing/);
    assert.ok(r.stdout.includes(`https://login.microsoftonline.com/${TENANT}/adminconsent?client_id=${CLIENT_ID}`));
    assert.match(r.stdout, /Request for your administrator/);
    assert.ok(!r.stdout.includes(token.split('.')[1]!));
  });

  it('--json: summary, verdict, diagnosis, explanations; masked token only', async () => {
    const token = await appToken({ version: '1.0', aud: 'https://database.windows.net', roles: ['x'] });
    const r = runCli(['decode', token, '--json', '--scope', 'https://database.windows.net/.default', '--expect-role', 'x,y']);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.equal(out.ok, true);
    assert.equal(out.summary.version, '1.0');
    const diagIds = out.diagnosis.map((d: { id: string }) => d.id);
    assert.ok(diagIds.includes('token/audience-trailing-slash'));
    assert.ok(diagIds.includes('token/expected-roles-missing'));
    assert.ok(out.explanations.claims.some((c: { name: string }) => c.name === 'appid'));
    assert.ok(!r.stdout.includes(token), 'raw token in JSON');
    assert.ok(out.token.masked.length < 40);
  });

  it("Microsoft's v2 sample token with --app-only: delegated and expired", () => {
    const r = runCli(['decode', DOCS_V2_SAMPLE, '--app-only']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /delegated \(user\) token/);
    assert.match(r.stdout, /Expired/);
  });

  it('malformed token: clear message on stderr, exit 1, input not echoed', () => {
    const r = runCli(['decode', 'eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /three parts.*has 2/);
    assert.ok(!r.stderr.includes('bm90IGpzb24'));
    const j = runCli(['decode', 'a.b.c.d.e', '--json']);
    assert.equal(j.code, 1);
    assert.equal(JSON.parse(j.stdout).error.code, 'encrypted');
  });

  it('usage errors exit 2; --help documents the exit codes', () => {
    assert.equal(runCli(['decode']).code, 2);
    assert.equal(runCli(['decode', 'a', 'b']).code, 2);
    assert.equal(runCli(['decode', 'x.y.z', '--expect-version', '3']).code, 2);
    const help = runCli(['decode', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Exit codes: 0 decoded/);
  });
});
