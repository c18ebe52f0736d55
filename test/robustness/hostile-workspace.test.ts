// A cloned repository whose configuration points the token request at a host that is not Entra
// (here a loopback server standing in for an attacker's collector). `entra-doctor token --config`
// must not open a single connection to it — in any spelling of Instance/Authority — unless the
// user names the host on the command line with --instance. Counted at the socket, not the request.
import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadModel } from '../../src/core/config';
import { requestFromConfig, TokenClient, TokenError } from '../../src/core/token';
import { buildCli, figures, LoopbackServer, printFigures, runCli } from './support';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '6c1ac2b5-52b1-4f0b-9f8f-7b1b3a3e0e11';
const SECRET = 'HostileRepo~Secret.abcdefghij0123456789';

describe('robustness: hostile workspace (authority host policy, CLI and core)', function () {
  this.timeout(60_000);
  let collector: LoopbackServer;
  let tmp: string;
  before(async () => {
    buildCli();
    tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'entra-robust-hostile-'));
    // Answers like Entra would, so a request that got through would be visible as a normal error.
    collector = await LoopbackServer.raw((socket, srv) => {
      socket.on('data', (d: Buffer) => {
        srv.requests++;
        if (d.includes(SECRET)) srv.bytesSent.push(-1); // marks "the secret arrived"
        socket.end('HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{"error":"invalid_request","error_description":"AADSTS900144: collected","error_codes":[900144]}');
      });
    });
  });
  after(async () => {
    await collector.close();
    await fsp.rm(tmp, { recursive: true, force: true });
    printFigures('hostile-workspace');
  });

  const at = (): string => `127.0.0.1:${collector.port}`;
  const spellings = (): Record<string, Record<string, string>> => ({
    'Instance http://loopback': { Instance: `http://${at()}/`, TenantId: TENANT },
    'Instance https://loopback': { Instance: `https://${at()}/`, TenantId: TENANT },
    'Authority …/v2.0': { Authority: `http://${at()}/${TENANT}/v2.0` },
    'legacy {0} Instance': { Instance: `http://${at()}/{0}`, TenantId: TENANT },
    'userinfo look-alike': { Instance: `http://login.microsoftonline.com@${at()}/`, TenantId: TENANT },
    'backslash look-alike': { Instance: `http://${at()}\\@login.microsoftonline.com/`, TenantId: TENANT },
    'encoded-slash look-alike': { Instance: `http://login.microsoftonline.com%2F@${at()}/`, TenantId: TENANT },
    'localhost name': { Instance: `http://localhost:${collector.port}/`, TenantId: TENANT },
    'token endpoint pasted': { Authority: `http://${at()}/${TENANT}/oauth2/v2.0/token` },
  });

  async function writeConfig(name: string, identity: Record<string, string>): Promise<string> {
    const dir = path.join(tmp, name.replace(/[^a-z0-9]+/gi, '-'));
    await fsp.mkdir(dir, { recursive: true });
    const file = path.join(dir, 'appsettings.json');
    await fsp.writeFile(
      file,
      JSON.stringify({
        AzureAd: { ...identity, ClientId: CLIENT },
        DownstreamApis: { Graph: { BaseUrl: 'https://graph.microsoft.com/v1.0', RequestAppToken: true, Scopes: ['https://graph.microsoft.com/.default'] } },
      }),
    );
    return file;
  }

  it('token --config sends nothing to a non-Entra host, whatever the spelling (0 connections)', async () => {
    for (const [name, identity] of Object.entries(spellings())) {
      const file = await writeConfig(name, identity);
      for (const extra of [[], ['--json'], ['--tenant', TENANT], ['--verbose']]) {
        figures.inputs++;
        const r = await runCli(['token', '--config', file, ...extra], { env: { ENTRA_CLIENT_SECRET: SECRET } });
        assert.equal(r.code, 2, `${name} ${extra.join(' ')}: exit ${r.code}\n${r.stdout}${r.stderr}`);
        assert.match(r.stdout + r.stderr, /authority-host-not-allowed|Not a Microsoft Entra host/, `${name}: ${r.stdout}${r.stderr}`);
        assert.ok(!(r.stdout + r.stderr).includes(SECRET));
      }
      assert.equal(collector.connections, 0, `${name}: the host saw a connection`);
    }
  });

  it('--curl with such a config prints a command but connects to nothing', async () => {
    const file = await writeConfig('curl', { Instance: `http://${at()}/`, TenantId: TENANT });
    const r = await runCli(['token', '--config', file, '--curl', '--instance', `http://${at()}/`], { env: { ENTRA_CLIENT_SECRET: SECRET } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /curl/);
    assert.ok(!r.stdout.includes(SECRET));
    assert.equal(collector.connections, 0);
  });

  it('core: the model → request → client path refuses before any socket; allowing other hosts does not unlock it', async () => {
    const file = await writeConfig('core', { Instance: `http://${at()}/`, TenantId: TENANT });
    const cfg = requestFromConfig((await loadModel(file))!, {});
    const request = { authority: cfg.authority, clientId: CLIENT, scopes: cfg.scopes ?? ['https://graph.microsoft.com/.default'], credential: { kind: 'secret' as const, secret: SECRET, source: 'test' } };
    const err = await new TokenClient().acquire(request).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof TokenError);
    assert.equal(err.code, 'config/authority-host-not-allowed');
    assert.equal(collector.connections, 0);
    // Allowing another host, or the host without its port, does not unlock this one.
    for (const allowedHosts of [['login.example.com'], [`127.0.0.2:${collector.port}`], ['127.0.0.1:1']]) {
      const e = await new TokenClient({ allowedHosts }).acquire(request).then(() => undefined, (x: unknown) => x);
      assert.ok(e instanceof TokenError && e.code === 'config/authority-host-not-allowed', String(allowedHosts));
    }
    assert.equal(collector.connections, 0);
  });

  it('only an explicit --instance on the command line reaches the host (then the secret is sent, as asked)', async () => {
    const file = await writeConfig('explicit', { Instance: `http://${at()}/`, TenantId: TENANT });
    const r = await runCli(['token', '--config', file, '--instance', `http://${at()}/`, '--json'], { env: { ENTRA_CLIENT_SECRET: SECRET } });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.equal((JSON.parse(r.stdout) as { error: { code: string } }).error.code, 'AADSTS900144');
    assert.equal(collector.connections, 1);
    assert.ok(!(r.stdout + r.stderr).includes(SECRET));
  });
});
