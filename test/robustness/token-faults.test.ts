// Faults at the token endpoint over real loopback sockets. Each one must end with a specific
// explanation, a bounded number of attempts (counted at the server), and settle — cancel always
// works, and no socket or timer is left behind.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { AppTokenRequest, TokenClient, TokenClientOptions, TokenError } from '../../src/core/token';
import { selfSignedCertificate } from '../emulator';
import { closedPort, figures, leftBehind, LoopbackServer, printFigures, resourcesBefore } from './support';

const SECRET = 'FaultSuite~Secret.0123456789abcdefXYZ';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '6c1ac2b5-52b1-4f0b-9f8f-7b1b3a3e0e11';

function request(instance: string): AppTokenRequest {
  return {
    authority: { instance, tenantId: TENANT },
    clientId: CLIENT,
    scopes: ['https://graph.microsoft.com/.default'],
    credential: { kind: 'secret', secret: SECRET, source: 'fault suite' },
  };
}

const logged: string[] = [];

/** Runs one acquire that must fail; returns the error. Checks nothing is left running afterwards. */
async function failure(instance: string, options: TokenClientOptions = {}, signal?: AbortSignal, servers: LoopbackServer[] = []): Promise<TokenError> {
  figures.faults++;
  const before = await resourcesBefore();
  const host = new URL(instance).host;
  const client = new TokenClient({ allowedHosts: [host], maxRetryAfterMs: 2_000, log: (l) => logged.push(l), ...options });
  let error: unknown;
  try {
    await client.acquire(request(instance), { signal });
  } catch (err) {
    error = err;
  }
  assert.ok(error instanceof TokenError, `expected a TokenError, got ${String(error)}`);
  // No request may still be in flight; an idle keep-alive socket in the agent's pool is allowed
  // (Node unrefs it, so it keeps no process alive) and goes once the server is gone.
  const inFlight = (): number =>
    [http.globalAgent, https.globalAgent].reduce((n, a) => n + Object.values(a.sockets).flat().length + Object.values(a.requests).flat().length, 0);
  for (let i = 0; i < 100 && inFlight(); i++) await new Promise((r) => setTimeout(r, 10)); // destroyed sockets close on a later turn
  assert.equal(inFlight(), 0, 'a request is still in flight');
  await Promise.all(servers.map((s) => s.close()));
  assert.deepEqual(await leftBehind(before), {}, 'a socket or timer was left behind');
  // Every explanation is specific and says what to do; none quotes the secret.
  assert.ok(error.explanation.length > 20 && error.fix.length > 10, JSON.stringify(error.toJSON()));
  assert.ok(!JSON.stringify(error.toJSON()).includes(SECRET) && !error.message.includes(SECRET));
  return error;
}

function entraJson(code: number, message: string): string {
  return JSON.stringify({
    error: 'temporarily_unavailable',
    error_description: `AADSTS${code}: ${message} Trace ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333 Correlation ID: aaaa0000-bb11-2222-33cc-444444dddddd Timestamp: 2026-01-01 00:00:00Z`,
    error_codes: [code],
  });
}

describe('robustness: faults at the token endpoint (real sockets)', function () {
  this.timeout(15_000);
  const servers: LoopbackServer[] = [];
  async function serve(handle: Parameters<typeof LoopbackServer.http>[0], host?: string): Promise<LoopbackServer> {
    const s = await LoopbackServer.http(handle, host);
    servers.push(s);
    return s;
  }
  async function raw(handle: Parameters<typeof LoopbackServer.raw>[0]): Promise<LoopbackServer> {
    const s = await LoopbackServer.raw(handle);
    servers.push(s);
    return s;
  }
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  after(() => {
    assert.ok(!logged.join('\n').includes(SECRET), 'the secret reached a log line');
    printFigures('token-faults');
  });

  it('connection refused: network/refused after one attempt', async () => {
    const port = await closedPort();
    const e = await failure(`http://127.0.0.1:${port}/`);
    assert.equal(e.code, 'network/refused');
    assert.equal(e.attempts, 1);
    assert.match(e.explanation, new RegExp(`127\\.0\\.0\\.1:${port}`));
  });

  it('DNS failure (.invalid host): network/dns naming the host, nothing connected', async () => {
    const e = await failure('https://login.entra-doctor-test.invalid/');
    assert.equal(e.code, 'network/dns');
    assert.equal(e.attempts, 1);
    assert.match(e.explanation, /'login\.entra-doctor-test\.invalid' could not be resolved/);
  });

  it('TLS failure (self-signed, not trusted): network/tls, one handshake, secret never sent', async () => {
    const cert = selfSignedCertificate('localhost', { altNames: ['localhost', '127.0.0.1'] });
    let handshakes = 0;
    let bytesIn = 0;
    const srv = tls.createServer({ key: cert.keyPem, cert: cert.certPem }, (s) => s.on('data', (d: Buffer) => (bytesIn += d.length)));
    srv.on('connection', () => handshakes++);
    srv.on('tlsClientError', () => undefined);
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    try {
      const e = await failure(`https://127.0.0.1:${(srv.address() as AddressInfo).port}/`);
      assert.equal(e.code, 'network/tls');
      assert.match(e.fix, /Never disable certificate checks/);
      assert.equal(handshakes, 1, 'a TLS failure is not retried');
      assert.equal(bytesIn, 0, 'no application data crossed an untrusted connection');
    } finally {
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });

  it('reset before any answer: retried twice, then network/reset (3 attempts at the server)', async () => {
    const s = await raw((socket, srv) => {
      socket.once('data', () => {
        srv.requests++;
        socket.resetAndDestroy();
      });
    });
    const e = await failure(`http://127.0.0.1:${s.port}/`, {}, undefined, [s]);
    assert.equal(e.code, 'network/reset');
    assert.equal(s.requests, 3);
    assert.equal(e.attempts, 3);
  });

  it('reset mid-response (headers and half a body): network/truncated, not retried', async () => {
    const s = await raw((socket, srv) => {
      socket.once('data', () => {
        srv.requests++;
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{"token_type":"Bearer","access_tok');
        setTimeout(() => socket.resetAndDestroy(), 20);
      });
    });
    const e = await failure(`http://127.0.0.1:${s.port}/`, {}, undefined, [s]);
    assert.equal(e.code, 'network/truncated');
    assert.equal(s.requests, 1);
  });

  it('no response at all: network/timeout after one attempt of timeoutMs', async () => {
    const s = await raw((socket, srv) => socket.once('data', () => srv.requests++));
    const e = await failure(`http://127.0.0.1:${s.port}/`, { timeoutMs: 400 }, undefined, [s]);
    assert.equal(e.code, 'network/timeout');
    assert.equal(e.attempts, 1);
    assert.equal(s.requests, 1);
  });

  it('slow drip of bytes: the per-attempt timeout still ends it, and the server sees its socket closed', async () => {
    let dripped = 0;
    const s = await raw((socket, srv) => {
      socket.once('data', () => {
        srv.requests++;
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n');
        const t = setInterval(() => {
          if (socket.destroyed) return clearInterval(t);
          dripped++;
          socket.write('1\r\n \r\n');
        }, 30);
        socket.on('close', () => clearInterval(t));
      });
    });
    const e = await failure(`http://127.0.0.1:${s.port}/`, { timeoutMs: 600 }, undefined, [s]);
    assert.equal(e.code, 'network/timeout');
    assert.equal(s.requests, 1);
    assert.ok(dripped > 3, 'the drip had started');
  });

  it('not HTTP at all, and an oversized header: a network error naming the host, not a crash', async () => {
    const s = await raw((socket) => socket.once('data', () => socket.end('SSH-2.0-OpenSSH_9.6\r\n')));
    const e = await failure(`http://127.0.0.1:${s.port}/`, {}, undefined, [s]);
    assert.equal(e.kind, 'network');
    assert.match(e.explanation, /127\.0\.0\.1/);
    const big = await raw((socket) => socket.once('data', () => socket.end(`HTTP/1.1 200 OK\r\nx-junk: ${'a'.repeat(200_000)}\r\n\r\n`)));
    const e2 = await failure(`http://127.0.0.1:${big.port}/`, {}, undefined, [big]);
    assert.equal(e2.kind, 'network');
  });

  it('429 storm with Retry-After: 3 attempts, then AADSTS from the body, "retried" said', async () => {
    const s = await serve((_q, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
      res.end(entraJson(90055, 'The request is throttled temporarily.'));
    });
    const e = await failure(`http://${s.hostPort}/`, {}, undefined, [s]);
    assert.equal(s.requests, 3);
    assert.equal(e.attempts, 3);
    assert.equal(e.httpStatus, 429);
    assert.equal(e.aadsts, 90055);
  });

  it('429 storm without Retry-After: bounded backoff, 3 attempts, explained as throttling', async () => {
    const s = await serve((_q, res) => {
      res.writeHead(429, { 'content-type': 'text/plain' });
      res.end('Too Many Requests');
    });
    const e = await failure(`http://${s.hostPort}/`, {}, undefined, [s]);
    assert.equal(s.requests, 3);
    assert.equal(e.code, 'http/429');
    assert.match(e.explanation, /retried, still failing/);
    assert.match(e.fix, /throttling/);
  });

  it('a Retry-After beyond the limit ends the retries at once (1 attempt)', async () => {
    const s = await serve((_q, res) => {
      res.writeHead(429, { 'retry-after': '86400' });
      res.end();
    });
    const e = await failure(`http://${s.hostPort}/`, {}, undefined, [s]);
    assert.equal(s.requests, 1);
    assert.equal(e.httpStatus, 429);
    assert.match(e.explanation, /empty body/);
  });

  for (const status of [500, 502, 503, 504]) {
    it(`HTTP ${status}: 3 attempts, then a specific explanation`, async () => {
      const s = await serve((_q, res) => {
        res.writeHead(status, { 'content-type': 'application/json', 'retry-after': '0' });
        res.end(status === 503 ? entraJson(0, 'The service is temporarily unavailable. Please try again later.') : '{"status":"down"}');
      });
      const e = await failure(`http://${s.hostPort}/`, {}, undefined, [s]);
      assert.equal(s.requests, 3);
      assert.equal(e.httpStatus, status);
      // Entra's own JSON (503) is explained from its message; anything else names the status.
      assert.match(`${e.title} ${e.explanation}`, status === 503 ? /temporarily unavailable/ : new RegExp(`HTTP ${status}.*retried, still failing`));
    });
  }

  for (const status of [301, 302, 307, 308]) {
    it(`redirect ${status} to another host is not followed: that host sees no connection`, async () => {
      const other = await serve((_q, res) => res.end('{}'), '127.0.0.2');
      const s = await serve((_q, res) => {
        res.writeHead(status, { location: `http://${other.hostPort}/collect?from=token` });
        res.end();
      });
      const e = await failure(`http://${s.hostPort}/`, {}, undefined, [s]);
      assert.equal(e.code, 'http/redirect');
      assert.equal(s.requests, 1);
      assert.equal(other.connections, 0, 'the redirect target was contacted');
      assert.match(e.explanation, new RegExp(`redirected the token request to 127\\.0\\.0\\.2:${other.port}`));
      assert.doesNotMatch(e.explanation, /collect\?from/, 'only the host of the Location is shown');
    });
  }

  it('HTML from a proxy (200 and 502): http/html with the page title; the 200 is not retried', async () => {
    const s = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><head><title>Corporate Web Filter – Access Denied</title></head><body>blocked</body></html>');
    });
    const e = await failure(`http://${s.hostPort}/`, {}, undefined, [s]);
    assert.equal(e.code, 'http/html');
    assert.equal(s.requests, 1);
    assert.match(e.explanation, /titled "Corporate Web Filter – Access Denied"/);
    const g = await serve((_q, res) => {
      res.writeHead(502, { 'content-type': 'text/html', 'retry-after': '0' });
      res.end('<html><title>502 Bad Gateway</title></html>');
    });
    const e2 = await failure(`http://${g.hostPort}/`, {}, undefined, [g]);
    assert.equal(e2.code, 'http/html');
    assert.equal(g.requests, 3);
  });

  describe('cancel always works', () => {
    it('while the server holds the request (before the 30 s timeout would fire)', async () => {
      const ctl = new AbortController();
      const s = await raw((socket, srv) =>
        socket.once('data', () => {
          srv.requests++;
          setTimeout(() => ctl.abort(), 50);
        }),
      );
      const e = await failure(`http://127.0.0.1:${s.port}/`, { timeoutMs: 30_000 }, ctl.signal, [s]);
      assert.equal(e.code, 'cancelled');
      assert.equal(s.requests, 1);
    });

    it('while waiting out a Retry-After (no second attempt)', async () => {
      const ctl = new AbortController();
      const s = await serve((_q, res) => {
        res.writeHead(503, { 'retry-after': '20' });
        res.end();
        setTimeout(() => ctl.abort(), 50);
      });
      const e = await failure(`http://${s.hostPort}/`, { maxRetryAfterMs: 30_000 }, ctl.signal, [s]);
      assert.equal(e.code, 'cancelled');
      assert.equal(s.requests, 1);
    });

    it('during a slow drip', async () => {
      const ctl = new AbortController();
      const s = await raw((socket) =>
        socket.once('data', () => {
          socket.write('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n');
          const t = setInterval(() => (socket.destroyed ? clearInterval(t) : socket.write('1\r\n \r\n')), 20);
          socket.on('close', () => clearInterval(t));
          setTimeout(() => ctl.abort(), 100);
        }),
      );
      const e = await failure(`http://127.0.0.1:${s.port}/`, { timeoutMs: 30_000 }, ctl.signal, [s]);
      assert.equal(e.code, 'cancelled');
    });

    it('already cancelled: nothing is sent', async () => {
      const ctl = new AbortController();
      ctl.abort();
      const s = await raw(() => undefined);
      const e = await failure(`http://127.0.0.1:${s.port}/`, {}, ctl.signal, [s]);
      assert.equal(e.code, 'cancelled');
      assert.equal(s.connections, 0);
    });
  });

  it('a 200 that is not a token (a server echoing the request) never quotes the secret', async () => {
    const s = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ secret_seen: SECRET, you_sent: (req as http.IncomingMessage & { body: string }).body }));
    });
    const e = await failure(`http://${s.hostPort}/`, {}, undefined, [s]);
    assert.equal(e.code, 'http/non-json');
    assert.match(e.explanation, /\[REDACTED\]/);
  });
});
