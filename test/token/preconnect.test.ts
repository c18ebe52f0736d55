// TokenClient.preconnect: the TLS connection to the token endpoint opened ahead of acquire() (the CLI loads the
// credential meanwhile). Over a real loopback HTTPS server that counts connections and requests.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import * as path from 'node:path';
import { TokenClient, TokenError, type AppTokenRequest } from '../../src/core/token';
import { selfSignedCertificate } from '../emulator';
import { runCliAsync } from '../support/run-cli';

const TENANT = '11111111-2222-3333-4444-555555555555';
const CLIENT = '66666666-7777-8888-9999-000000000000';
const SECRET = 'Preconnect~secret.value_1234567890abcdef';

interface Counting {
  server: https.Server;
  instance: string;
  host: string;
  ca: string;
  /** TCP connections accepted. */
  connections: number;
  /** Token requests answered, with the connection (1-based) each came in on. */
  requests: number[];
  /** Destroy the next N connections as soon as they are accepted. */
  dropNext: number;
  close(): Promise<void>;
}

async function countingServer(): Promise<Counting> {
  const cert = selfSignedCertificate('localhost', { altNames: ['localhost', '127.0.0.1'] });
  const sockets = new Set<Socket>();
  const ids = new WeakMap<Socket, number>();
  const s = {} as Counting;
  s.connections = 0;
  s.requests = [];
  s.dropNext = 0;
  s.server = https.createServer({ key: cert.keyPem, cert: cert.certPem }, (req, res) => {
    req.resume();
    req.on('end', () => {
      s.requests.push(ids.get(req.socket) ?? 0);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ token_type: 'Bearer', expires_in: 3599, access_token: 'opaque-access-token-value' }));
    });
  });
  s.server.on('connection', (socket: Socket) => {
    s.connections++;
    if (s.dropNext > 0) {
      s.dropNext--;
      socket.destroy();
      return;
    }
    ids.set(socket, s.connections);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  s.server.on('secureConnection', (tlsSocket) => {
    // The request handler sees the TLS socket: map it to its TCP connection's number.
    ids.set(tlsSocket, s.connections);
  });
  await new Promise<void>((r) => s.server.listen(0, '127.0.0.1', r));
  const port = (s.server.address() as AddressInfo).port;
  s.host = `127.0.0.1:${port}`;
  s.instance = `https://${s.host}/`;
  s.ca = cert.certPem;
  s.close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((r) => s.server.close(() => r()));
  };
  return s;
}

async function until(what: string, cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(cond(), `timed out waiting for ${what}`);
}

describe('token client: connection opened ahead of the request (preconnect)', function () {
  this.timeout(20_000);
  let s: Counting;
  beforeEach(async () => {
    s = await countingServer();
  });
  afterEach(() => s.close());

  const request = (): AppTokenRequest => ({
    authority: { instance: s.instance, tenantId: TENANT },
    clientId: CLIENT,
    scopes: ['api://test/.default'],
    credential: { kind: 'secret', secret: SECRET, source: 'test' },
  });

  it('connects before acquire() and sends the request on that connection', async () => {
    const client = new TokenClient({ allowedHosts: [s.host], ca: s.ca });
    assert.equal(client.preconnect(request().authority), true);
    await until('the early connection', () => s.connections === 1);
    assert.equal(s.requests.length, 0, 'nothing is sent by preconnect');
    const r = await client.acquire(request());
    assert.equal(r.accessToken, 'opaque-access-token-value');
    assert.deepEqual(s.requests, [1], 'the request came in on the early connection');
    assert.equal(s.connections, 1);
    // A second request does not find a used connection: it connects as usual.
    await client.acquire(request(), { forceRefresh: true });
    assert.equal(s.requests.length, 2);
    assert.notEqual(s.requests[1], 1);
  });

  it('a failed early connection is dropped and the request connects afresh', async () => {
    const client = new TokenClient({ allowedHosts: [s.host], ca: s.ca });
    s.dropNext = 1;
    assert.equal(client.preconnect(request().authority), true);
    await until('the dropped connection', () => s.connections === 1);
    await new Promise((r) => setTimeout(r, 50));
    const r = await client.acquire(request());
    assert.equal(r.accessToken, 'opaque-access-token-value');
    assert.equal(r.attempts, 1, 'no retry was needed');
    assert.deepEqual(s.requests, [2]);
  });

  it('connects to nothing when the host is not allowed, goes through a proxy, or is plain http', async () => {
    assert.equal(new TokenClient({ ca: s.ca }).preconnect(request().authority), false);
    assert.equal(new TokenClient({ allowedHosts: ['login.example.com'], ca: s.ca }).preconnect(request().authority), false);
    assert.equal(new TokenClient({ allowedHosts: [s.host], ca: s.ca, proxyFor: () => 'http://127.0.0.1:9' }).preconnect(request().authority), false);
    assert.equal(new TokenClient({ allowedHosts: [s.host] }).preconnect({ instance: `http://${s.host}/`, tenantId: TENANT }), false);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(s.connections, 0);
    const e = await new TokenClient({ ca: s.ca }).acquire(request()).then(
      () => undefined,
      (x: unknown) => x,
    );
    assert.ok(e instanceof TokenError);
    assert.equal(e.code, 'config/authority-host-not-allowed');
    assert.equal(s.connections, 0);
  });

  it('an early connection that is never used keeps no process alive', async () => {
    // A child process that only preconnects must exit on its own, long before the connection's shelf life.
    const root = path.resolve(__dirname, '../..');
    const script = `
      const { TokenClient } = require(${JSON.stringify(path.join(root, 'src/core/token'))});
      const c = new TokenClient({ allowedHosts: [${JSON.stringify(s.host)}], ca: ${JSON.stringify(s.ca)} });
      if (!c.preconnect({ instance: ${JSON.stringify(s.instance)}, tenantId: ${JSON.stringify(TENANT)} })) process.exit(3);
    `;
    const started = Date.now();
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, stdio: 'ignore' });
      const timer = setTimeout(() => child.kill(), 9_000);
      child.on('error', reject);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    assert.equal(code, 0);
    assert.ok(Date.now() - started < 9_000, 'the child waited for the connection');
  });

  it('the CLI (dist/cli.js) sends its request on the connection it opened before reading the secret', async () => {
    const root = path.resolve(__dirname, '../..');
    const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'entra-preconnect-'));
    try {
      const caFile = path.join(dir, 'ca.pem');
      await fs.writeFile(caFile, s.ca);
      const args = ['token', '--instance', s.instance, '--tenant', TENANT, '--client-id', CLIENT, '--scope', 'api://test/.default', '--secret-env', 'APP_SECRET', '--json'];
      const out = await runCliAsync(args, { env: { HOME: dir, NO_COLOR: '1', NODE_EXTRA_CA_CERTS: caFile, APP_SECRET: SECRET }, timeoutMs: 15_000 });
      assert.equal(out.code, 0, out.stdout + out.stderr);
      const json = JSON.parse(out.stdout) as { ok: boolean; token: { masked: string; accessToken?: string } };
      assert.equal(json.ok, true);
      assert.equal(json.token.accessToken, undefined);
      assert.ok(!(out.stdout + out.stderr).includes(SECRET));
      assert.equal(s.connections, 1);
      assert.deepEqual(s.requests, [1]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
