// Token rows measured inside one process (started by token.ts with the emulator's CA in NODE_EXTRA_CA_CERTS):
// warm acquisition with the cache bypassed, cache hits, and certificate assertions. Prints its rows as JSON.
import { constants, createPrivateKey, sign } from 'node:crypto';
import * as https from 'node:https';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { AssertionCache, loadPemCertificate, signClientAssertion, TokenClient, type AppTokenRequest } from '../src/core/token';
import type { Row } from './report';
import { interleavedAsync, summarize } from './stats';

interface Emu {
  httpsInstance: string;
  tenantId: string;
  clientId: string;
  secret: string;
  scope: string;
  certPem: string;
  keyPem: string;
}

const emu = JSON.parse(process.env.BENCH_EMULATOR ?? '{}') as Emu;
const quick = process.argv.includes('--quick');
const tokenUrl = `${emu.httpsInstance}${emu.tenantId}/oauth2/v2.0/token`;

/** The floor: one POST on a kept-alive connection, body read and parsed. */
function rawPost(agent: https.Agent): Promise<void> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: emu.clientId, client_secret: emu.secret, scope: emu.scope }).toString();
  return new Promise((resolve, reject) => {
    const req = https.request(tokenUrl, { method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { access_token?: string };
        if (res.statusCode === 200 && json.access_token) resolve();
        else reject(new Error(`HTTP ${res.statusCode}`));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const request: AppTokenRequest = {
    authority: { instance: emu.httpsInstance, tenantId: emu.tenantId },
    clientId: emu.clientId,
    scopes: [emu.scope],
    credential: { kind: 'secret', secret: emu.secret, source: 'benchmark' },
  };
  const client = new TokenClient({ allowedHosts: [new URL(emu.httpsInstance).host] });
  const agent = new https.Agent({ keepAlive: true });

  // Warm acquisition: connection open, code hot, cache bypassed.
  for (let i = 0; i < 50; i++) {
    await client.acquire(request, { forceRefresh: true });
    await rawPost(agent);
  }
  const warm = await interleavedAsync(() => client.acquire(request, { forceRefresh: true }), () => rawPost(agent), quick ? 5 : 15, quick ? 100 : 300);
  const w = summarize(warm.a);
  const wb = summarize(warm.b);
  rows.push({
    id: 'token.warm',
    what: 'warm acquisition in one process, cache bypassed (`forceRefresh`), secret',
    unit: 'ms',
    baselineWhat: 'raw keep-alive `node:https` POST',
    value: w,
    baseline: wb,
    ratio: w.median / wb.median,
    target: '≤ 1.1×',
    pass: w.median / wb.median <= 1.1,
  });

  // Cache hits.
  const cca = new ConfidentialClientApplication({
    auth: { clientId: emu.clientId, clientSecret: emu.secret, authority: `${emu.httpsInstance}${emu.tenantId}`, knownAuthorities: [new URL(emu.httpsInstance).host] },
  });
  const first = await cca.acquireTokenByClientCredential({ scopes: [emu.scope] });
  if (!first?.accessToken) throw new Error('msal-node got no token');
  await client.acquire(request);
  for (let i = 0; i < 2000; i++) {
    await client.acquire(request);
    await cca.acquireTokenByClientCredential({ scopes: [emu.scope] });
  }
  const hit = await client.acquire(request);
  const msalHit = await cca.acquireTokenByClientCredential({ scopes: [emu.scope] });
  if (!hit.fromCache) throw new Error('TokenClient did not serve from its cache');
  if (msalHit?.fromCache !== true) throw new Error('msal-node did not serve from its cache');
  const cache = await interleavedAsync(() => client.acquire(request), () => cca.acquireTokenByClientCredential({ scopes: [emu.scope] }), quick ? 5 : 15, quick ? 50 : 200);
  const c = summarize(cache.a.map((ms) => ms * 1000));
  const cb = summarize(cache.b.map((ms) => ms * 1000));
  rows.push({
    id: 'token.cacheHit',
    what: 'cache hit (`TokenClient.acquire`, same request)',
    unit: 'µs',
    baselineWhat: 'msal-node cache hit',
    value: c,
    baseline: cb,
    ratio: c.median / cb.median,
    target: '≤ 20 µs',
    pass: c.median <= 20,
  });

  // Certificate assertions.
  const cert = loadPemCertificate(emu.certPem, { keyPem: emu.keyPem, origin: 'benchmark' });
  const key = createPrivateKey(emu.keyPem);
  const params = { clientId: emu.clientId, audience: tokenUrl };
  const data = Buffer.from('eyJhbGciOiJQUzI1NiJ9.' + Buffer.from(JSON.stringify({ aud: tokenUrl, iss: emu.clientId, sub: emu.clientId, jti: 'x', nbf: 1, iat: 1, exp: 2 })).toString('base64url'));
  const floor = async (): Promise<void> => {
    sign('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
  };
  for (let i = 0; i < 50; i++) {
    await signClientAssertion(cert, params);
    await floor();
  }
  const sig = await interleavedAsync(() => signClientAssertion(cert, params), floor, quick ? 5 : 15, quick ? 50 : 200);
  const s = summarize(sig.a.map((ms) => ms * 1000));
  const sb = summarize(sig.b.map((ms) => ms * 1000));
  rows.push({
    id: 'token.assertion.sign',
    what: 'certificate assertion: build + sign a PS256 client assertion (`signClientAssertion`)',
    unit: 'µs',
    baselineWhat: '`crypto.sign` PSS, pre-parsed key',
    value: s,
    baseline: sb,
    ratio: s.median / sb.median,
    target: '≤ 1.2×',
    pass: s.median / sb.median <= 1.2,
  });
  const reuse = new AssertionCache();
  const firstJwt = await reuse.get(cert, params);
  const again = await reuse.get(cert, params);
  const r = await interleavedAsync(() => reuse.get(cert, params), floor, quick ? 5 : 15, quick ? 50 : 200);
  const rv = summarize(r.a.map((ms) => ms * 1000));
  const rb = summarize(r.b.map((ms) => ms * 1000));
  rows.push({
    id: 'token.assertion.reuse',
    what: 'assertion for the next request (`AssertionCache`: reused until 2 min before its 10 min expiry, like MSAL)',
    unit: 'µs',
    baselineWhat: '`crypto.sign` PSS, pre-parsed key',
    value: rv,
    baseline: rb,
    ratio: rv.median / rb.median,
    target: 'reused (same JWT), ≤ 1.2×',
    pass: firstJwt === again && rv.median / rb.median <= 1.2,
  });
  agent.destroy();
  process.stdout.write(`${JSON.stringify(rows)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`token-inproc: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
