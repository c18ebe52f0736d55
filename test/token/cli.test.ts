// `entra-doctor token` as a real child process (dist/cli.js, built by `node esbuild.mjs`)
// against the emulator over loopback. Spawned asynchronously: the emulator lives in this process.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SignJWT } from 'jose';
import { pfxBytes } from '../emulator';
import { startWorld, TokenWorld } from './fixture';
import { ROOT, runCliAsync, type CliRun } from '../support/run-cli';

function run(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): Promise<CliRun> {
  return runCliAsync(['token', ...args], { cwd, env: { HOME: env.HOME ?? os.tmpdir(), NO_COLOR: '1', ...env } });
}

describe('entra-doctor token (CLI)', function () {
  this.timeout(60_000);
  let w: TokenWorld;
  let tmp: string;
  const outputs: string[] = [];
  const pfxPassword = 'cli pfx+pass&word';

  before(async () => {
    const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
    w = await startWorld();
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'entra-cli-'));
  });
  after(async () => {
    await w.emu.close();
    await fs.rm(tmp, { recursive: true, force: true });
  });
  beforeEach(() => w.emu.clearFaults());

  async function token(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<CliRun> {
    const r = await run(args, env, cwd);
    outputs.push(r.stdout, r.stderr);
    return r;
  }

  const base = (): string[] => ['--instance', w.emu.instance, '--tenant', w.tenantId];
  const apiScope = (): string => `api://${w.api.appId}/.default`;

  function json(r: CliRun): Record<string, any> {
    try {
      return JSON.parse(r.stdout) as Record<string, any>;
    } catch {
      assert.fail(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
    }
  }

  it('acquires a token: --json has the masked token, claims and diagnosis; exit 0', async () => {
    const r = await token([...base(), '--client-id', w.daemon.appId, '--scope', apiScope(), '--secret-env', 'MY_SECRET', '--json'], { MY_SECRET: w.secret.value });
    assert.equal(r.code, 0, r.stderr);
    const j = json(r);
    assert.equal(j.ok, true);
    assert.equal(j.token.accessToken, undefined);
    assert.match(j.token.masked, /^eyJ/);
    assert.equal(j.token.credential.source, 'environment variable MY_SECRET');
    assert.equal(j.claims.aud, w.api.appId);
    assert.deepEqual(j.claims.roles, ['Todo.Read.All']);
    assert.ok(Array.isArray(j.diagnosis));
  });

  it('prints the raw token only with --show-token', async () => {
    const r = await run([...base(), '--client-id', w.daemon.appId, '--scope', apiScope(), '--secret-env', 'S', '--json', '--show-token'], { S: w.secret.value });
    assert.equal(r.code, 0, r.stderr);
    assert.match(json(r).token.accessToken, /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('exit 1 with the --json error shape for a secret ID instead of the value', async () => {
    const r = await token([...base(), '--client-id', w.daemon.appId, '--scope', apiScope(), '--secret-env', 'S', '--json'], { S: w.secret.keyId });
    assert.equal(r.code, 1);
    const j = json(r);
    assert.equal(j.ok, false);
    assert.equal(j.error.code, 'AADSTS7000215');
    assert.equal(j.error.aadsts, 7000215);
    assert.match(j.error.explanation, /Secret ID/);
    for (const k of ['title', 'fix', 'correlationId', 'traceId']) assert.equal(typeof j.error[k], 'string', k);
  });

  it('explains Entra errors as text on stderr (exit 1)', async () => {
    const r = await token([...base(), '--client-id', w.daemon.appId, '--scope', 'User.Read', '--secret-env', 'S'], { S: w.secret.value });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /AADSTS1002012/);
    assert.match(r.stderr, /Correlation ID [0-9a-f-]{36}/);
  });

  it('a token without roles is diagnosed with the admin-consent URL', async () => {
    const r = await token([...base(), '--client-id', w.unconsented.appId, '--scope', apiScope(), '--secret-env', 'S', '--json'], { S: w.unconsentedSecret.value });
    assert.equal(r.code, 0, r.stderr);
    const j = json(r);
    assert.equal(j.claims.roles, undefined);
    const text = JSON.stringify(j.diagnosis);
    assert.match(text, /consent/i);
    assert.ok(text.includes(`client_id=${w.unconsented.appId}`), text);
  });

  it('Azure SQL: single vs double slash audiences are reported', async () => {
    const one = json(await token([...base(), '--client-id', w.daemon.appId, '--scope', 'https://database.windows.net/.default', '--secret-env', 'S', '--json'], { S: w.secret.value }));
    const two = json(await token([...base(), '--client-id', w.daemon.appId, '--scope', 'https://database.windows.net//.default', '--secret-env', 'S', '--json'], { S: w.secret.value }));
    assert.equal(one.claims.aud, 'https://database.windows.net');
    assert.equal(two.claims.aud, 'https://database.windows.net/');
    assert.ok(one.diagnosis.some((d: { severity: string }) => d.severity !== 'info'), JSON.stringify(one.diagnosis));
    assert.match(JSON.stringify(one.diagnosis), /database\.windows\.net\//);
  });

  it('usage errors exit 2 and never echo what looks like a secret', async () => {
    const r1 = await token([...base(), '--scope', apiScope(), '--secret-env', 'S'], { S: 'x' });
    assert.equal(r1.code, 2);
    assert.match(r1.stderr, /--client-id/);
    const secretish = 'Zx98Q~thisLooksLikeASecretValue.1234567';
    const r2 = await token([...base(), '--client-id', w.daemon.appId, '--scope', apiScope(), '--secret-env', secretish]);
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /NAME of an environment variable/);
    assert.equal(r2.stderr.includes(secretish), false);
    const r3 = await token([...base(), '--client-id', w.daemon.appId, '--scope', apiScope(), '--secret', secretish]);
    assert.equal(r3.code, 2);
    assert.equal(r3.stderr.includes(secretish), false);
    const r4 = await token([...base(), '--client-id', w.daemon.appId, '--scope', apiScope(), '--secret-env', 'UNSET_VAR', '--json']);
    assert.equal(r4.code, 2);
    assert.equal(json(r4).error.code, 'credential/no-secret');
  });

  it('reads the config: unknown Instance host refused unless --instance; user-secrets found via UserSecretsId', async () => {
    const dir = path.join(tmp, 'daemon');
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(
      path.join(dir, 'appsettings.json'),
      JSON.stringify({
        AzureAd: {
          Instance: w.emu.instance,
          TenantId: w.tenantId,
          ClientId: w.daemon.appId,
          ClientCredentials: [{ SourceType: 'ClientSecret', ClientSecret: '[Enter here a client secret for your application]' }],
        },
        TodoList: { BaseUrl: 'https://localhost:44372/', RequestAppToken: true, Scopes: [apiScope()] },
      }),
    );
    await fs.writeFile(path.join(dir, 'Daemon.csproj'), '<Project><PropertyGroup><UserSecretsId>daemon-secrets-1</UserSecretsId></PropertyGroup></Project>');
    const home = path.join(tmp, 'home');
    const secretsDir = path.join(home, '.microsoft', 'usersecrets', 'daemon-secrets-1');
    await fs.mkdir(secretsDir, { recursive: true });
    await fs.writeFile(path.join(secretsDir, 'secrets.json'), JSON.stringify({ 'AzureAd:ClientCredentials:0:ClientSecret': w.secret.value }));

    const before = w.emu.requests.length;
    const refused = await token(['--config', path.join(dir, 'appsettings.json'), '--json'], { HOME: home });
    assert.equal(refused.code, 2);
    assert.equal(json(refused).error.code, 'config/authority-host-not-allowed');
    assert.equal(w.emu.requests.length, before, 'nothing sent to a host that is not allowed');

    const r = await token(['--config', path.join(dir, 'appsettings.json'), '--api', 'TodoList', '--instance', w.emu.instance, '--json'], { HOME: home });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const j = json(r);
    assert.match(j.token.credential.source, /user secrets daemon-secrets-1/);
    assert.equal(j.token.scope, apiScope());
    assert.equal(j.claims.aud, w.api.appId);
  });

  it('warns when the secret sits in the config file; explains Key Vault credentials it cannot use', async () => {
    const dir = path.join(tmp, 'cfg2');
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, 'appsettings.json');
    await fs.writeFile(file, JSON.stringify({ AzureAd: { Instance: w.emu.instance, TenantId: w.tenantId, ClientId: w.daemon.appId, ClientSecret: w.secret.value } }));
    const r = await token(['--config', file, '--instance', w.emu.instance, '--scope', apiScope(), '--json'], { HOME: dir });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const j = json(r);
    assert.match(j.token.credential.source, /appsettings\.json \(AzureAd:ClientSecret\)/);
    assert.ok(j.warnings.some((x: string) => /source control/.test(x)));

    await fs.writeFile(
      file,
      JSON.stringify({ AzureAd: { Instance: w.emu.instance, TenantId: w.tenantId, ClientId: w.certApp.appId, ClientCredentials: [{ SourceType: 'KeyVault', KeyVaultUrl: 'https://kv.vault.azure.net', KeyVaultCertificateName: 'DaemonCert' }] } }),
    );
    const kv = await token(['--config', file, '--instance', w.emu.instance, '--scope', apiScope(), '--json'], { HOME: dir });
    assert.equal(kv.code, 2);
    const e = json(kv).error;
    assert.equal(e.code, 'credential/unusable-keyvault');
    assert.match(e.explanation, /DaemonCert/);
    assert.match(e.fix, /pfx/i);
  });

  it('keeps the tenant of a config Authority when --instance redirects the host', async () => {
    const dir = path.join(tmp, 'cfg3');
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, 'appsettings.json');
    await fs.writeFile(file, JSON.stringify({ AzureAd: { Authority: `https://login.microsoftonline.com/${w.domain}/v2.0`, ClientId: w.daemon.appId } }));
    const r = await token(['--config', file, '--instance', w.emu.instance, '--scope', apiScope(), '--secret-env', 'S', '--json'], { S: w.secret.value, HOME: dir });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(json(r).token.tenant, w.domain);
    assert.equal(json(r).claims.tid, w.tenantId);
  });

  it('uses a PFX with a password from an environment variable', async () => {
    const file = path.join(tmp, 'daemon.pfx');
    await fs.writeFile(file, pfxBytes(w.cert, pfxPassword));
    const r = await token([...base(), '--client-id', w.certApp.appId, '--scope', apiScope(), '--certificate', file, '--certificate-password-env', 'PFX_PW', '--algorithm', 'RS256', '--json'], { PFX_PW: pfxPassword });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const j = json(r);
    assert.equal(j.token.credential.thumbprintSha1, w.cert.sha1Hex);
    assert.equal(j.token.credential.algorithm, 'RS256');
    assert.equal(j.claims.azpacr, '2');
    const bad = await token([...base(), '--client-id', w.certApp.appId, '--scope', apiScope(), '--certificate', file, '--certificate-password-env', 'PFX_PW', '--json'], { PFX_PW: 'wrong' });
    assert.equal(bad.code, 2);
    assert.equal(json(bad).error.code, 'credential/wrong-password');
  });

  it('uses AZURE_FEDERATED_TOKEN_FILE', async () => {
    const file = path.join(tmp, 'fed.jwt');
    const jwt = await new SignJWT({ aud: 'api://AzureADTokenExchange' })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(w.fedIssuer)
      .setSubject(w.fedSubject)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(w.fedKey.privateKey);
    await fs.writeFile(file, jwt);
    const r = await token([...base(), '--client-id', w.fedApp.appId, '--scope', apiScope(), '--json'], { AZURE_FEDERATED_TOKEN_FILE: file });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(json(r).token.credential.kind, 'federated');
    assert.equal(r.stdout.includes(jwt), false);
  });

  it('--curl prints the request with $ENTRA_CLIENT_SECRET and sends nothing', async () => {
    const before = w.emu.requests.length;
    const r = await token([...base(), '--client-id', w.daemon.appId, '--scope', apiScope(), '--secret-env', 'S', '--curl'], { S: w.secret.value });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /"client_secret=\$ENTRA_CLIENT_SECRET"/);
    assert.equal(w.emu.requests.length, before);
  });

  it('network failure: timeout exits 1 with network/timeout', async () => {
    w.emu.fault({ kind: 'hang' });
    const r = await token([...base(), '--client-id', w.daemon.appId, '--scope', apiScope(), '--secret-env', 'S', '--timeout', '0.5', '--json', '--verbose'], { S: w.secret.value });
    assert.equal(r.code, 1);
    assert.equal(json(r).error.code, 'network/timeout');
    assert.match(r.stderr, /POST http/);
  });

  it('--verbose logs are redacted', async () => {
    const r = await token([...base(), '--client-id', w.daemon.appId, '--scope', apiScope(), '--secret-env', 'S', '--verbose'], { S: w.specialSecret.value });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /credential=secret from environment variable S/);
    assert.match(r.stderr, /token issued/);
  });

  describe('leak scan (runs last)', () => {
    it('no secret, password or full token in any output above', () => {
      assert.ok(outputs.length > 20);
      const all = outputs.join('\n');
      for (const s of [...w.forbidden, pfxPassword, w.secret.keyId]) {
        if (s === w.secret.keyId) continue; // the secret ID is not secret (and was deliberately sent)
        assert.equal(all.includes(s), false, `leaked ${s.slice(0, 5)}…`);
      }
      assert.doesNotMatch(all, /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/);
    });
  });
});
