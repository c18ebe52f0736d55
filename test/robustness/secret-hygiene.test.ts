// Secret hygiene harness: many CLI and core scenarios run with distinctive secrets, passwords and
// real tokens — successes, Entra errors, usage mistakes, a hostile server that echoes the request
// back in every place it can (error JSON, HTML, a 200 without a token, redirects, headers), lint of
// files holding secrets. Everything the product emits is collected (stdout, stderr, log lines,
// JSON, error objects, files written) and scanned at the end for any secret, password or full token,
// raw or encoded. The figures of the last run go into docs/SECURITY.md.
import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspectToken } from '../../src/core/jwt';
import { lintPaths } from '../../src/core/lint';
import { AppTokenRequest, previewTokenRequest, renderCurl, TokenClient, TokenError } from '../../src/core/token';
import { encryptedKeyPem, pfxBytes } from '../emulator';
import { startWorld, TokenWorld } from '../token/fixture';
import { buildCli, figures, LoopbackServer, printFigures, runCli } from './support';

const PFX_PASSWORD = 'Hygiene-PFX~pass word+&=%';
const PEM_PASSPHRASE = 'Hygiene-PEM~passphrase!42';
const CONFIG_SECRET = 'Hygiene~ConfigFileSecret.9f8e7d6c5b4a';
const USER_SECRET = 'Hygiene~UserSecretsValue.0a1b2c3d4e5f';
const TYPED_SECRET = 'Hygiene~TypedAsArgument.ZZ99yy88xx77';
const ECHO_SECRET = 'Hygiene~SentToEchoServer.QQ11ww22ee33';

describe('robustness: secret hygiene harness (runs every scenario, then scans all output)', function () {
  this.timeout(120_000);
  let w: TokenWorld;
  let tmp: string;
  let home: string;
  let echo: LoopbackServer;
  /** Everything the product emitted, with where it came from. */
  const emitted: { where: string; text: string }[] = [];
  /** Tokens the product was given or issued: none may appear whole. */
  const tokens: string[] = [];
  let scenarios = 0;
  /** Output of the one run that prints a token on purpose (--show-token): the scanner must flag it. */
  let control = '';

  const emit = (where: string, ...texts: (string | undefined)[]): void => {
    for (const t of texts) if (t) emitted.push({ where, text: t });
  };
  async function cli(where: string, args: string[], env: NodeJS.ProcessEnv = {}, input?: string, cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
    scenarios++;
    const r = await runCli(args, { env: { HOME: home, ...env }, input, cwd: cwd ?? tmp });
    emit(`cli ${where}`, r.stdout, r.stderr);
    return r;
  }

  before(async () => {
    buildCli();
    w = await startWorld();
    tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'entra-robust-hygiene-'));
    home = path.join(tmp, 'home');
    await fsp.mkdir(home);
    // A server that reflects the request body wherever a response can carry text.
    let mode = 0;
    echo = await LoopbackServer.http((req, res) => {
      const body = (req as unknown as { body: string }).body;
      const modes = [
        () => res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_client', error_description: `AADSTS7000215: you sent ${body} ${decodeURIComponent(body)}`, error_codes: [7000215] })),
        () => res.writeHead(502, { 'content-type': 'text/html', 'retry-after': '0' }).end(`<html><title>${decodeURIComponent(body).slice(0, 190)}</title><body>${body}</body></html>`),
        () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ echoed: decodeURIComponent(body) })),
        () => res.writeHead(302, { location: `http://127.0.0.2:1/steal?${body}` }).end(body),
        () => res.writeHead(401, { 'www-authenticate': `Bearer error="${decodeURIComponent(body)}"` }).end(decodeURIComponent(body)),
        () => res.writeHead(418, { 'content-type': 'text/plain' }).end(decodeURIComponent(body).split('').reverse().join('') + decodeURIComponent(body)),
      ];
      modes[mode++ % modes.length]!();
    });
  });
  after(async () => {
    await w.emu.close();
    await echo.close();
    await fsp.rm(tmp, { recursive: true, force: true });
  });

  const base = (): string[] => ['--instance', w.emu.instance, '--tenant', w.tenantId];
  const apiScope = (): string => `api://${w.api.appId}/.default`;

  it('CLI token: successes, Entra errors, credentials of every kind, verbose logs', async () => {
    const S = { S: w.secret.value };
    for (const extra of [[], ['--json'], ['--verbose'], ['--json', '--verbose'], ['--curl']]) {
      const r = await cli('token ok', ['token', ...base(), '--client-id', w.daemon.appId, '--scope', apiScope(), '--secret-env', 'S', ...extra], S);
      assert.equal(r.code, 0, r.stdout + r.stderr);
    }
    // --show-token prints the token on purpose: capture it (so it counts as a known token) but do not scan that run.
    scenarios++;
    const shown = await runCli(['token', ...base(), '--client-id', w.daemon.appId, '--scope', apiScope(), '--secret-env', 'S', '--show-token', '--json'], { env: { HOME: home, ...S } });
    const issued = (JSON.parse(shown.stdout) as { token: { accessToken: string } }).token.accessToken;
    control = shown.stdout;
    tokens.push(issued);
    // Entra errors: wrong secret, expired secret, secret ID instead of value, special characters.
    for (const [env, client] of [
      [{ S: 'wrong-' + w.secret.value }, w.daemon.appId],
      [{ S: w.expired.value }, w.daemon.appId],
      [{ S: w.secret.keyId }, w.daemon.appId],
      [{ S: w.specialSecret.value }, w.daemon.appId],
      [{ S: w.unconsentedSecret.value }, w.unconsented.appId],
      [{ S: w.disabledSecret.value }, w.disabled.appId],
    ] as const) {
      for (const extra of [['--json'], ['--verbose']]) await cli('token entra', ['token', ...base(), '--client-id', client, '--scope', apiScope(), '--secret-env', 'S', ...extra], env);
    }
    // Faults from the emulator with the secret in flight.
    for (const fault of [{ kind: 'html', status: 502 }, { kind: 'truncate' }, { kind: 'reset' }, { kind: 'status', status: 429, retryAfter: 0 }] as const) {
      w.emu.fault(fault, { times: 3 });
      figures.faults++;
      await cli('token fault', ['token', ...base(), '--client-id', w.daemon.appId, '--scope', apiScope(), '--secret-env', 'S', '--verbose'], S);
      w.emu.clearFaults();
    }
    // Certificates: PFX with a password, encrypted PEM; wrong password.
    const pfx = path.join(tmp, 'daemon.pfx');
    await fsp.writeFile(pfx, pfxBytes(w.cert, PFX_PASSWORD));
    const pem = path.join(tmp, 'daemon.pem');
    await fsp.writeFile(pem, `${encryptedKeyPem(w.cert, PEM_PASSPHRASE)}\n${w.cert.certPem}`);
    for (const [file, pw] of [[pfx, PFX_PASSWORD], [pem, PEM_PASSPHRASE], [pfx, 'not-' + PFX_PASSWORD], [pem, 'not-' + PEM_PASSPHRASE]] as const) {
      await cli('token cert', ['token', ...base(), '--client-id', w.certApp.appId, '--scope', apiScope(), '--certificate', file, '--certificate-password-env', 'PW', '--verbose', '--json'], { PW: pw });
    }
  });

  it('CLI token: secrets in the config file and in .NET user-secrets; mistakes that put a secret on the command line', async () => {
    const dir = path.join(tmp, 'app');
    await fsp.mkdir(dir, { recursive: true });
    const config = path.join(dir, 'appsettings.json');
    await fsp.writeFile(config, JSON.stringify({ AzureAd: { Instance: w.emu.instance, TenantId: w.tenantId, ClientId: w.daemon.appId, ClientSecret: CONFIG_SECRET }, Api: { BaseUrl: 'https://localhost/', RequestAppToken: true, Scopes: [apiScope()] } }));
    for (const extra of [[], ['--json'], ['--verbose']]) await cli('token config secret', ['token', '--config', config, '--api', 'Api', '--instance', w.emu.instance, ...extra]);
    await fsp.writeFile(path.join(dir, 'App.csproj'), '<Project><PropertyGroup><UserSecretsId>hygiene-1</UserSecretsId></PropertyGroup></Project>');
    const secretsDir = path.join(home, '.microsoft', 'usersecrets', 'hygiene-1');
    await fsp.mkdir(secretsDir, { recursive: true });
    await fsp.writeFile(path.join(secretsDir, 'secrets.json'), JSON.stringify({ 'AzureAd:ClientSecret': USER_SECRET }));
    await fsp.writeFile(config, JSON.stringify({ AzureAd: { Instance: w.emu.instance, TenantId: w.tenantId, ClientId: w.daemon.appId } }));
    for (const extra of [['--json'], ['--verbose']]) await cli('token user-secrets', ['token', '--config', config, '--scope', apiScope(), '--instance', w.emu.instance, ...extra]);
    // Secrets typed where they do not belong.
    for (const args of [
      ['token', '--secret-env', TYPED_SECRET, ...base(), '--client-id', w.daemon.appId, '--scope', apiScope()],
      ['token', '--client-secret', TYPED_SECRET, ...base()],
      ['token', `--client-secret=${TYPED_SECRET}`],
      ['token', '--certificate-password-env', TYPED_SECRET, '--certificate', 'x.pfx'],
      ['token', TYPED_SECRET],
      ['token', '--scope', apiScope(), '--tenant', w.tenantId, '--client-id', w.daemon.appId, '--instance', w.emu.instance, '--timeout', TYPED_SECRET],
      ['decode', TYPED_SECRET],
      ['consent-url', '--tenant', w.tenantId, '--client-id', TYPED_SECRET],
      [TYPED_SECRET],
    ]) {
      await cli('usage mistake', args, { ENTRA_CLIENT_SECRET: w.secret.value });
    }
  });

  it('CLI token against a server that echoes the request everywhere (error JSON, HTML, 200, redirect, headers)', async () => {
    for (let i = 0; i < 12; i++) {
      figures.faults++;
      for (const extra of [i % 2 ? ['--json'] : [], ['--verbose']]) {
        await cli('token echo', ['token', '--instance', `http://${echo.hostPort}/`, '--tenant', w.tenantId, '--client-id', w.daemon.appId, '--scope', apiScope(), '--secret-env', 'S', ...extra], { S: ECHO_SECRET });
      }
      await cli('token echo basic', ['token', '--instance', `http://${echo.hostPort}/`, '--tenant', w.tenantId, '--client-id', w.daemon.appId, '--scope', apiScope(), '--certificate', path.join(tmp, 'daemon.pfx'), '--certificate-password-env', 'PW', '--verbose'], { PW: PFX_PASSWORD });
    }
    assert.ok(echo.requests >= 24, `the echo server saw ${echo.requests} requests`);
  });

  it('core: client logs, error objects and previews; the same echo server', async () => {
    const lines: string[] = [];
    const mk = (instance: string, secret: string): AppTokenRequest => ({
      authority: { instance, tenantId: w.tenantId },
      clientId: w.daemon.appId,
      scopes: [apiScope()],
      credential: { kind: 'secret', secret, source: 'test', basicAuth: secret === ECHO_SECRET && lines.length % 2 === 0 },
    });
    for (let i = 0; i < 12; i++) {
      scenarios++;
      const c = new TokenClient({ allowedHosts: [echo.hostPort], maxRetryAfterMs: 0, log: (l) => lines.push(l) });
      const e = await c.acquire(mk(`http://${echo.hostPort}/`, ECHO_SECRET)).then(() => undefined, (x: unknown) => x);
      assert.ok(e instanceof TokenError);
      emit('core echo error', JSON.stringify(e.toJSON()), e.message, e.entraMessage, String(e.stack));
    }
    const ok = new TokenClient({ allowedHosts: [new URL(w.emu.instance).host], log: (l) => lines.push(l) });
    const res = await ok.acquire(mk(w.emu.instance, w.secret.value));
    tokens.push(res.accessToken);
    const { accessToken, ...rest } = res;
    emit('core result', JSON.stringify(rest), JSON.stringify(inspectToken(accessToken)));
    emit('core curl', renderCurl(previewTokenRequest({ ...mk(w.emu.instance, w.secret.value), credential: { kind: 'secret' } }, { allowedHosts: [new URL(w.emu.instance).host] })));
    emit('core logs', lines.join('\n'));
    scenarios += 2;
  });

  it('CLI decode of real tokens, and lint of files holding secrets (text, JSON, SARIF)', async () => {
    for (const t of tokens) {
      for (const extra of [[], ['--json']]) {
        await cli('decode stdin', ['decode', ...extra, '-'], {}, t);
        await cli('decode bearer', ['decode', ...extra, '-'], {}, `Authorization: Bearer ${t}\n`);
      }
    }
    const dir = path.join(tmp, 'lintme');
    await fsp.mkdir(dir, { recursive: true });
    await fsp.writeFile(
      path.join(dir, 'appsettings.json'),
      JSON.stringify({
        AzureAd: { Instance: 'https://login.microsoftonline.com/', TenantId: w.tenantId, ClientId: w.daemon.appId, ClientSecret: CONFIG_SECRET, ClientCredentials: [{ SourceType: 'ClientSecret', ClientSecret: CONFIG_SECRET }, { SourceType: 'Certificate', CertificatePassword: PFX_PASSWORD }] },
        ConnectionStrings: { Default: `Server=x;Password=${PEM_PASSPHRASE}` },
        Token: tokens[0],
      }),
    );
    await fsp.writeFile(path.join(dir, 'appsettings.Development.json'), `{ "AzureAd": { "ClientSecret": "${USER_SECRET}" } }`);
    for (const format of ['text', 'json', 'sarif']) await cli('lint', ['lint', dir, '--format', format]);
    await cli('consent-url', ['consent-url', '--config', path.join(dir, 'appsettings.json'), '--json']);
    const results = await lintPaths([path.join(dir, 'appsettings.json'), path.join(dir, 'appsettings.Development.json')]);
    emit('core lint', JSON.stringify(results));
    scenarios++;
  });

  it('files written: the CLI created no file, and the scan of everything emitted finds no secret, password or full token', async () => {
    // Files: everything under the temporary tree that the tests did not write themselves.
    const ours = new Set(['home/.microsoft/usersecrets/hygiene-1/secrets.json', 'daemon.pfx', 'daemon.pem', 'app/appsettings.json', 'app/App.csproj', 'lintme/appsettings.json', 'lintme/appsettings.Development.json']);
    const all: string[] = [];
    const walk = async (d: string): Promise<void> => {
      for (const e of await fsp.readdir(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) await walk(p);
        else all.push(path.relative(tmp, p).split(path.sep).join('/'));
      }
    };
    await walk(tmp);
    const written = all.filter((p) => !ours.has(p));
    for (const p of written) emit(`file ${p}`, await fsp.readFile(path.join(tmp, p), 'utf8'));
    assert.deepEqual(written, [], 'the CLI wrote files');

    const secrets = [
      ...w.forbidden,
      PFX_PASSWORD,
      PEM_PASSPHRASE,
      CONFIG_SECRET,
      USER_SECRET,
      TYPED_SECRET,
      ECHO_SECRET,
      'not-' + PFX_PASSWORD,
      'not-' + PEM_PASSPHRASE,
      w.cert.keyPem.split('\n')[1]!,
    ].filter(Boolean);
    const forms = (s: string): string[] => [
      s,
      encodeURIComponent(s),
      encodeURIComponent(s).replace(/%20/g, '+'),
      Buffer.from(s).toString('base64'),
      JSON.stringify(s).slice(1, -1),
      Buffer.from(`${encodeURIComponent(w.daemon.appId)}:${encodeURIComponent(s)}`).toString('base64'),
    ];
    assert.ok(tokens.length >= 2, 'no real token was issued');
    const scan = (where: string, text: string, into: string[]): void => {
      for (const sec of secrets) for (const f of forms(sec)) if (f.length >= 8 && text.includes(f)) into.push(`${where}: secret ${sec.slice(0, 10)}…`);
      for (const t of tokens) {
        if (text.includes(t)) into.push(`${where}: full token`);
        if (text.includes(t.split('.')[2]!)) into.push(`${where}: token signature`);
      }
      // Any complete JWT (three long parts) — ours or one a server made up.
      if (/eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/.test(text)) into.push(`${where}: a full JWT`);
    };
    // The scanner itself must see a token where one is printed on purpose.
    const controlHits: string[] = [];
    scan('control', control, controlHits);
    assert.ok(controlHits.includes('control: full token'), 'the scanner missed a printed token');
    const leaks: string[] = [];
    let bytes = 0;
    for (const { where, text } of emitted) {
      bytes += text.length;
      scan(where, text, leaks);
    }
    figures.scannedBytes += bytes;
    figures.leaks += leaks.length;
    figures.inputs += scenarios;
    if (process.env.ROBUSTNESS_FIGURES) {
      process.stdout.write(`[figures] secret hygiene: ${scenarios} scenarios, ${emitted.length} outputs, ${bytes} characters scanned, ${secrets.length} secrets × ${forms('x').length} forms + ${tokens.length} tokens, ${leaks.length} leaks\n`);
    }
    printFigures('secret-hygiene');
    assert.ok(scenarios > 60 && emitted.length > 100, `only ${scenarios} scenarios / ${emitted.length} outputs`);
    assert.deepEqual(leaks, []);
  });
});
