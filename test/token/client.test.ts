import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as net from 'node:net';
import * as http from 'node:http';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import {
  AppTokenRequest,
  ClientCredential,
  loadPemCertificate,
  loadPfxCertificate,
  previewTokenRequest,
  renderCurl,
  renderRawHttp,
  TokenClient,
  TokenClientOptions,
  TokenError,
  TokenResult,
} from '../../src/core/token';
import { encryptedKeyPem, EntraEmulator, FixtureBuilder, pfxBytes } from '../emulator';
import { startWorld, TokenWorld } from './fixture';

describe('token client against the Entra emulator', function () {
  let w: TokenWorld;
  /** Everything the client logged and every error it produced, scanned for secrets at the end. */
  const printed: string[] = [];
  const issuedTokens: string[] = [];
  const passwords = ['pem-pass-phrase!', 'pfx p@ss+word'];
  let tmp: string;

  before(async () => {
    w = await startWorld();
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'entra-token-'));
  });
  after(async () => {
    await w.emu.close();
    await fs.rm(tmp, { recursive: true, force: true });
  });
  beforeEach(() => w.emu.clearFaults());

  function client(extra: TokenClientOptions = {}): TokenClient {
    return new TokenClient({ allowedHosts: [new URL(w.emu.url).host], log: (l) => printed.push(l), ...extra });
  }

  function secretCred(secret: string, source = 'test secret'): ClientCredential {
    return { kind: 'secret', secret, source };
  }

  function req(clientId: string, scope: string, credential: ClientCredential, tenant?: string): AppTokenRequest {
    return { authority: { instance: w.emu.instance, tenantId: tenant ?? w.tenantId }, clientId, scopes: [scope], credential };
  }

  async function ok(c: TokenClient, r: AppTokenRequest, opts = {}): Promise<TokenResult> {
    const res = await c.acquire(r, opts);
    issuedTokens.push(res.accessToken);
    printed.push(JSON.stringify({ ...res, accessToken: undefined }));
    return res;
  }

  async function fails(c: TokenClient, r: AppTokenRequest, opts = {}): Promise<TokenError> {
    try {
      const res = await c.acquire(r, opts);
      issuedTokens.push(res.accessToken);
    } catch (e) {
      assert.ok(e instanceof TokenError, `expected TokenError, got ${String(e)}`);
      printed.push(JSON.stringify(e.toJSON()), e.message);
      return e;
    }
    assert.fail('expected the request to fail');
  }

  const apiScope = (): string => `api://${w.api.appId}/.default`;

  describe('client secret', () => {
    it('gets a v2 token with roles for the API', async () => {
      const res = await ok(client(), req(w.daemon.appId, apiScope(), secretCred(w.secret.value, 'environment variable X')));
      const claims = decodeJwt(res.accessToken);
      assert.equal(claims.aud, w.api.appId);
      assert.equal(claims.ver, '2.0');
      assert.equal(claims.azp, w.daemon.appId);
      assert.equal(claims.azpacr, '1');
      assert.deepEqual(claims.roles, ['Todo.Read.All']);
      assert.equal(res.credential.source, 'environment variable X');
      assert.equal(res.fromCache, false);
      assert.equal(res.attempts, 1);
    });

    it('URL-encodes every value (secret with + & % / = and spaces)', async () => {
      await ok(client(), req(w.daemon.appId, apiScope(), secretCred(w.specialSecret.value)));
      const last = w.emu.tokenRequests().at(-1)!;
      assert.equal(last.form.get('client_secret'), w.specialSecret.value);
      assert.ok(last.body.includes('client_secret=Ab%2Bc%2Fd%26e%25f%3Dg%20h~i.j_k-L8Q~%2B%252B'), last.body.replace(/client_secret=[^&]*/, 'client_secret=…'));
    });

    it('sends the secret with HTTP Basic when asked', async () => {
      const res = await ok(client(), req(w.daemon.appId, apiScope(), { kind: 'secret', secret: w.specialSecret.value, source: 's', basicAuth: true }));
      assert.ok(res.accessToken);
      const last = w.emu.tokenRequests().at(-1)!;
      assert.equal(last.form.get('client_secret'), null);
      assert.match(String(last.headers.authorization), /^Basic /);
    });

    it('explains a secret ID sent instead of the value (AADSTS7000215, HTTP 401)', async () => {
      const e = await fails(client(), req(w.daemon.appId, apiScope(), secretCred(w.secret.keyId, 'environment variable ENTRA_CLIENT_SECRET')));
      assert.equal(e.code, 'AADSTS7000215');
      assert.equal(e.aadsts, 7000215);
      assert.equal(e.httpStatus, 401);
      assert.equal(e.oauthError, 'invalid_client');
      assert.match(e.explanation, /Secret ID/);
      assert.match(e.explanation, /environment variable ENTRA_CLIENT_SECRET/);
      assert.match(e.fix, /Value/);
      assert.match(e.correlationId ?? '', /^[0-9a-f-]{36}$/);
      assert.match(e.traceId ?? '', /^[0-9a-f-]{36}$/);
      assert.match(e.errorUri ?? '', /error\?code=7000215$/);
    });

    it('explains a wrong secret that is not a GUID differently', async () => {
      const e = await fails(client(), req(w.daemon.appId, apiScope(), secretCred('abc8Q~' + 'x'.repeat(34))));
      assert.equal(e.aadsts, 7000215);
      assert.doesNotMatch(e.explanation, /shaped like a GUID/);
      assert.match(e.explanation, /not a current secret/);
    });

    it('reports an expired secret (AADSTS7000222)', async () => {
      const e = await fails(client(), req(w.daemon.appId, apiScope(), secretCred(w.expired.value, 'appsettings.json (AzureAd:ClientSecret)')));
      assert.equal(e.aadsts, 7000222);
      assert.match(e.explanation, /expired/);
      assert.match(e.explanation, /appsettings\.json/);
    });

    it('reports an unknown client (AADSTS700016)', async () => {
      const e = await fails(client(), req('Enter_the_Application_Id_Here', apiScope(), secretCred(w.secret.value)));
      assert.equal(e.aadsts, 700016);
      assert.match(e.explanation, /not even a GUID/);
    });

    it('reports an unknown tenant (AADSTS90002)', async () => {
      const e = await fails(client(), req(w.daemon.appId, apiScope(), secretCred(w.secret.value), 'fabrikam.onmicrosoft.com'));
      assert.equal(e.aadsts, 90002);
      assert.match(e.explanation, /fabrikam\.onmicrosoft\.com/);
    });

    it('accepts the tenant by domain', async () => {
      const res = await ok(client(), req(w.daemon.appId, apiScope(), secretCred(w.secret.value), w.domain));
      assert.equal(decodeJwt(res.accessToken).tid, w.tenantId);
    });

    it('reports /common (AADSTS9001023)', async () => {
      const e = await fails(client(), req(w.daemon.appId, apiScope(), secretCred(w.secret.value), 'common'));
      assert.equal(e.aadsts, 9001023);
      assert.match(e.fix, /TenantId/);
    });

    it('reports a disabled app (AADSTS7000112)', async () => {
      const e = await fails(client(), req(w.disabled.appId, apiScope(), secretCred(w.disabledSecret.value)));
      assert.equal(e.aadsts, 7000112);
    });

    it('reports a public client sending a secret (AADSTS700025)', async () => {
      const e = await fails(client(), req(w.publicApp.appId, apiScope(), secretCred('some-secret-value')));
      assert.equal(e.aadsts, 700025);
      assert.equal(e.httpStatus, 401);
    });
  });

  describe('scopes', () => {
    it('rejects a named scope (AADSTS1002012) and suggests /.default', async () => {
      const e = await fails(client(), req(w.daemon.appId, 'https://graph.microsoft.com/User.Read.All', secretCred(w.secret.value)));
      assert.equal(e.aadsts, 1002012);
      assert.match(e.fix, /https:\/\/graph\.microsoft\.com\/\.default/);
    });

    it('rejects two resources in one request (AADSTS70011)', async () => {
      const r = req(w.daemon.appId, '', secretCred(w.secret.value));
      r.scopes = ['https://graph.microsoft.com/.default', apiScope()];
      const e = await fails(client(), r);
      assert.equal(e.aadsts, 70011);
      assert.match(e.explanation, /2 scopes/);
    });

    it('gets v1 tokens for Azure SQL with one and with two slashes; only the double slash yields the trailing-slash audience', async () => {
      const single = await ok(client(), req(w.daemon.appId, 'https://database.windows.net/.default', secretCred(w.secret.value)));
      const double = await ok(client(), req(w.daemon.appId, 'https://database.windows.net//.default', secretCred(w.secret.value)));
      assert.equal(decodeJwt(single.accessToken).aud, 'https://database.windows.net');
      assert.equal(decodeJwt(double.accessToken).aud, 'https://database.windows.net/');
      assert.equal(decodeJwt(double.accessToken).ver, '1.0');
      assert.equal(decodeJwt(double.accessToken).appid, w.daemon.appId);
    });

    it('explains api://{id} when the API has no App ID URI (AADSTS500011) and offers the GUID form', async () => {
      const e = await fails(client(), req(w.daemon.appId, `api://${w.apiNoUri.appId}/.default`, secretCred(w.secret.value)));
      assert.equal(e.aadsts, 500011);
      assert.match(e.explanation, /Application ID URI/);
      assert.ok(e.fix.includes(`${w.apiNoUri.appId}/.default`));
      // …and the GUID form indeed works.
      const res = await ok(client(), req(w.daemon.appId, `${w.apiNoUri.appId}/.default`, secretCred(w.secret.value)));
      assert.equal(decodeJwt(res.accessToken).aud, w.apiNoUri.appId);
    });

    it('issues a token without roles when no permission was consented', async () => {
      const res = await ok(client(), req(w.unconsented.appId, apiScope(), secretCred(w.unconsentedSecret.value)));
      const claims = decodeJwt(res.accessToken);
      assert.equal(claims.aud, w.api.appId);
      assert.equal('roles' in claims, false);
    });
  });

  describe('certificates and assertions', () => {
    async function certReq(cred: ClientCredential): Promise<AppTokenRequest> {
      return req(w.certApp.appId, apiScope(), cred);
    }

    it('signs PS256 with x5t#S256 by default (PEM with key + cert) and gets a token', async () => {
      const certificate = loadPemCertificate(w.cert.certPem + w.cert.keyPem, { origin: 'file cert.pem' });
      const res = await ok(client(), await certReq({ kind: 'certificate', certificate, source: 'file cert.pem' }));
      assert.equal(decodeJwt(res.accessToken).azpacr, '2');
      assert.deepEqual(decodeJwt(res.accessToken).roles, ['Todo.Write.All']);
      const sent = w.emu.tokenRequests().at(-1)!.form;
      assert.equal(sent.get('client_assertion_type'), 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      const assertion = sent.get('client_assertion')!;
      const h = decodeProtectedHeader(assertion);
      assert.equal(h.alg, 'PS256');
      assert.equal(h['x5t#S256'], w.cert.x5tS256);
      assert.equal(h.x5c, undefined);
      const c = decodeJwt(assertion);
      assert.equal(c.iss, w.certApp.appId);
      assert.equal(c.sub, w.certApp.appId);
      assert.equal(c.aud, w.emu.tokenEndpoint(w.tenantId));
      assert.equal((c.exp ?? 0) - (c.nbf ?? 0), 600);
      assert.ok(c.jti && c.iat);
    });

    it('signs RS256 with x5t and sends x5c when asked', async () => {
      const certificate = loadPemCertificate(w.cert.certPem, { keyPem: w.cert.keyPem, origin: 'file cert.pem' });
      await ok(client(), await certReq({ kind: 'certificate', certificate, source: 'x', algorithm: 'RS256', sendX5C: true }));
      const h = decodeProtectedHeader(w.emu.tokenRequests().at(-1)!.form.get('client_assertion')!);
      assert.equal(h.alg, 'RS256');
      assert.equal(h.x5t, w.cert.x5t);
      assert.deepEqual(h.x5c, [w.cert.der.toString('base64')]);
    });

    it('reuses one assertion across requests (force refresh, same client)', async () => {
      const certificate = loadPemCertificate(w.cert.certPem + w.cert.keyPem, { origin: 'x' });
      const c = client();
      const r = await certReq({ kind: 'certificate', certificate, source: 'x' });
      await ok(c, r, { forceRefresh: true });
      await ok(c, r, { forceRefresh: true });
      const [a, b] = w.emu.tokenRequests().slice(-2).map((x) => x.form.get('client_assertion'));
      assert.equal(a, b);
    });

    it('loads an encrypted PKCS#8 key with its passphrase, and refuses without it', async () => {
      const enc = encryptedKeyPem(w.cert, passwords[0]!);
      assert.match(enc, /BEGIN ENCRYPTED PRIVATE KEY/);
      assert.throws(() => loadPemCertificate(w.cert.certPem + enc, { origin: 'file enc.pem' }), (e: TokenError) => e.code === 'credential/password-required');
      assert.throws(() => loadPemCertificate(w.cert.certPem + enc, { origin: 'file enc.pem', passphrase: 'wrong' }), (e: TokenError) => e.code === 'credential/wrong-password' && !e.explanation.includes('wrong'));
      const certificate = loadPemCertificate(w.cert.certPem + enc, { origin: 'file enc.pem', passphrase: passwords[0] });
      assert.equal(certificate.sha1Hex, w.cert.sha1Hex);
      await ok(client(), await certReq({ kind: 'certificate', certificate, source: 'file enc.pem' }));
    });

    it('loads a password-protected PFX (and names a wrong password)', async () => {
      const pfx = pfxBytes(w.cert, passwords[1]!);
      await assert.rejects(loadPfxCertificate(pfx, { password: 'nope', origin: 'file c.pfx' }), (e: TokenError) => e.code === 'credential/wrong-password');
      const certificate = await loadPfxCertificate(pfx, { password: passwords[1], origin: 'file c.pfx' });
      assert.equal(certificate.sha256Hex, w.cert.sha256Hex);
      const res = await ok(client(), await certReq({ kind: 'certificate', certificate, source: 'file c.pfx' }));
      assert.equal(decodeJwt(res.accessToken).azp, w.certApp.appId);
    });

    it('explains an unregistered certificate (AADSTS700027) with the thumbprints sent', async () => {
      const certificate = loadPemCertificate(w.otherCert.certPem + w.otherCert.keyPem, { origin: 'file other.pem' });
      const e = await fails(client(), await certReq({ kind: 'certificate', certificate, source: 'file other.pem' }));
      assert.equal(e.aadsts, 700027);
      assert.ok(e.explanation.includes(w.otherCert.sha1Hex), e.explanation);
      assert.ok(e.explanation.includes(w.otherCert.sha256Hex));
      assert.match(e.fix, /Upload/);
      assert.ok(e.entraMessage?.includes(w.otherCert.sha256Hex), 'Entra names the SHA-256 thumbprint it got');
    });

    it('uses a federated assertion from a file, re-reading it each time', async () => {
      const file = path.join(tmp, 'federated-token');
      const sign = (exp: number): Promise<string> =>
        new SignJWT({ aud: 'api://AzureADTokenExchange' })
          .setProtectedHeader({ alg: 'RS256' })
          .setIssuer(w.fedIssuer)
          .setSubject(w.fedSubject)
          .setIssuedAt()
          .setExpirationTime(exp)
          .sign(w.fedKey.privateKey);
      await fs.writeFile(file, (await sign(Math.floor(Date.now() / 1000) + 600)) + '\n');
      const r = req(w.fedApp.appId, apiScope(), { kind: 'federated', file, source: `file ${file} (AZURE_FEDERATED_TOKEN_FILE)` });
      const res = await ok(client(), r);
      assert.equal(decodeJwt(res.accessToken).azp, w.fedApp.appId);
      await fs.writeFile(file, await sign(Math.floor(Date.now() / 1000) - 3600));
      const e = await fails(client(), r, { forceRefresh: true });
      assert.equal(e.aadsts, 700024);
      assert.match(e.explanation, /federated token/);
    });

    it('explains a missing federated token file without sending anything', async () => {
      const before = w.emu.tokenRequests().length;
      const e = await fails(client(), req(w.fedApp.appId, apiScope(), { kind: 'federated', file: path.join(tmp, 'absent'), source: 'file absent' }));
      assert.equal(e.code, 'credential/assertion-file');
      assert.equal(w.emu.tokenRequests().length, before);
    });
  });

  describe('retries, timeouts, cancellation', () => {
    it('retries a 503 and succeeds', async () => {
      w.emu.fault({ kind: 'status', status: 503, retryAfter: 0 });
      const res = await ok(client(), req(w.daemon.appId, apiScope(), secretCred(w.secret.value)));
      assert.equal(res.attempts, 2);
    });

    it('honours Retry-After on 429', async () => {
      w.emu.fault({ kind: 'status', status: 429, retryAfter: 1 });
      const logs: string[] = [];
      const res = await ok(client({ log: (l) => (logs.push(l), printed.push(l)) }), req(w.daemon.appId, apiScope(), secretCred(w.secret.value)));
      assert.equal(res.attempts, 2);
      assert.ok(logs.some((l) => /retrying in 1 s \(Retry-After\)/.test(l)), logs.join('\n'));
    });

    it('gives up after two retries, and does not wait for a Retry-After beyond the limit', async () => {
      w.emu.fault({ kind: 'status', status: 503, retryAfter: 0 }, { times: 5 });
      const before = w.emu.tokenRequests().length;
      const e = await fails(client(), req(w.daemon.appId, apiScope(), secretCred(w.secret.value)));
      assert.equal(w.emu.tokenRequests().length - before, 3);
      assert.equal(e.httpStatus, 503);
      w.emu.clearFaults();
      w.emu.fault({ kind: 'status', status: 429, retryAfter: 3600 });
      const before2 = w.emu.tokenRequests().length;
      const e2 = await fails(client(), req(w.daemon.appId, apiScope(), secretCred(w.secret.value)));
      assert.equal(w.emu.tokenRequests().length - before2, 1);
      assert.equal(e2.httpStatus, 429);
      assert.equal(e2.aadsts, 90055);
    });

    it('does not retry an Entra 400', async () => {
      const before = w.emu.tokenRequests().length;
      await fails(client(), req(w.daemon.appId, 'User.Read', secretCred(w.secret.value)));
      assert.equal(w.emu.tokenRequests().length - before, 1);
    });

    it('explains an HTML 502 page from a gateway', async () => {
      w.emu.fault({ kind: 'html', status: 502 }, { times: 3 });
      const e = await fails(client({ maxRetryAfterMs: 0 }), req(w.daemon.appId, apiScope(), secretCred(w.secret.value)));
      assert.equal(e.code, 'http/html');
      assert.equal(e.httpStatus, 502);
      assert.match(e.explanation, /web page titled "502 - Web server/);
    });

    it('retries a connection reset', async () => {
      w.emu.fault({ kind: 'reset' });
      const res = await ok(client(), req(w.daemon.appId, apiScope(), secretCred(w.secret.value)));
      assert.equal(res.attempts, 2);
    });

    it('reports a truncated body', async () => {
      w.emu.fault({ kind: 'truncate' });
      const e = await fails(client(), req(w.daemon.appId, apiScope(), secretCred(w.secret.value)));
      assert.equal(e.code, 'network/truncated');
    });

    it('times out when Entra does not answer', async () => {
      w.emu.fault({ kind: 'hang' });
      const e = await fails(client({ timeoutMs: 300 }), req(w.daemon.appId, apiScope(), secretCred(w.secret.value)));
      assert.equal(e.code, 'network/timeout');
      assert.equal(e.attempts, 1);
    });

    it('can be cancelled', async () => {
      w.emu.fault({ kind: 'hang' });
      const ctl = new AbortController();
      const p = fails(client(), req(w.daemon.appId, apiScope(), secretCred(w.secret.value)), { signal: ctl.signal });
      setTimeout(() => ctl.abort(), 100);
      const e = await p;
      assert.equal(e.code, 'cancelled');
      assert.equal(e.kind, 'cancelled');
    });

    it('explains a refused connection', async () => {
      const srv = net.createServer();
      await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
      const port = (srv.address() as net.AddressInfo).port;
      await new Promise<void>((r) => srv.close(() => r()));
      const c = new TokenClient({ allowedHosts: [`127.0.0.1:${port}`], log: (l) => printed.push(l) });
      const e = await fails(c, { ...req(w.daemon.appId, apiScope(), secretCred(w.secret.value)), authority: { instance: `http://127.0.0.1:${port}/`, tenantId: w.tenantId } });
      assert.equal(e.code, 'network/refused');
    });
  });

  describe('transport and policy', () => {
    it('talks HTTPS to the emulator when its CA is trusted, and explains TLS failure otherwise', async () => {
      const host = new URL(w.emu.httpsUrl).host;
      const r = { ...req(w.daemon.appId, apiScope(), secretCred(w.secret.value)), authority: { instance: w.emu.httpsInstance, tenantId: w.tenantId } };
      const res = await ok(new TokenClient({ allowedHosts: [host], ca: w.emu.caPem }), r);
      assert.ok(res.tokenEndpoint.startsWith('https://'));
      assert.equal(w.emu.tokenRequests().at(-1)!.tls, true);
      const e = await fails(new TokenClient({ allowedHosts: [host] }), r);
      assert.equal(e.code, 'network/tls');
    });

    it('goes through an HTTPS_PROXY-style CONNECT proxy, and explains a 407', async () => {
      const seen: string[] = [];
      let requireAuth = false;
      let tunnelled = 0;
      const proxy = http.createServer();
      const open = new Set<net.Socket>();
      proxy.on('connect', (creq: http.IncomingMessage, sock: net.Socket, head: Buffer) => {
        seen.push(String(creq.url));
        open.add(sock);
        sock.on('close', () => open.delete(sock));
        if (requireAuth && !creq.headers['proxy-authorization']) {
          sock.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n');
          return;
        }
        const [h, p] = String(creq.url).split(':');
        const up = net.connect(Number(p), h!, () => {
          sock.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          up.write(head);
          up.pipe(sock);
          sock.pipe(up);
          sock.on('data', (d: Buffer) => (tunnelled += d.length));
        });
        up.on('error', () => sock.destroy());
        // Keep reading the client's side once the upstream is gone, so its close is seen (a paused socket never
        // reports the peer's FIN or reset).
        up.on('close', () => sock.resume());
        sock.on('error', () => up.destroy());
      });
      await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
      const proxyUrl = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
      try {
        const host = new URL(w.emu.httpsUrl).host;
        const r = { ...req(w.daemon.appId, apiScope(), secretCred(w.secret.value)), authority: { instance: w.emu.httpsInstance, tenantId: w.tenantId } };
        const c = new TokenClient({ allowedHosts: [host], ca: w.emu.caPem, proxyFor: () => proxyUrl, log: (l) => printed.push(l) });
        const before = w.emu.tokenRequests().length;
        const res = await ok(c, r);
        assert.equal(decodeJwt(res.accessToken).aud, w.api.appId);
        assert.deepEqual(seen, [host]);
        // The TLS handshake and the request itself went through the tunnel, not around the proxy.
        assert.ok(tunnelled > 600, `${tunnelled} bytes through the tunnel`);
        assert.equal(w.emu.tokenRequests().length, before + 1);
        requireAuth = true;
        const e = await fails(c, r, { forceRefresh: true });
        assert.equal(e.code, 'network/proxy');
        assert.equal(e.title, 'Proxy requires authentication');
        for (let i = 0; i < 100 && open.size > 0; i++) await new Promise((r) => setTimeout(r, 20));
        assert.equal(open.size, 0, 'the client closes its tunnel after the response');
      } finally {
        for (const s of open) s.destroy();
        await new Promise<void>((r) => proxy.close(() => r()));
      }
    });

    it('rejects oversized and non-JSON success bodies', async () => {
      w.emu.fault({ kind: 'status', status: 200, body: 'x'.repeat(1_100_000) });
      const e = await fails(client(), req(w.daemon.appId, apiScope(), secretCred(w.secret.value)));
      assert.equal(e.code, 'network/too-large');
      w.emu.fault({ kind: 'status', status: 200, body: 'OK' });
      const e2 = await fails(client(), req(w.daemon.appId, apiScope(), secretCred(w.secret.value)));
      assert.equal(e2.code, 'http/non-json');
    });

    it('refuses unknown authority hosts and non-loopback http before sending anything', async () => {
      const before = w.emu.requests.length;
      const e = await fails(new TokenClient(), req(w.daemon.appId, apiScope(), secretCred(w.secret.value)));
      assert.equal(e.code, 'config/authority-host-not-allowed');
      const e2 = await fails(new TokenClient(), { ...req(w.daemon.appId, apiScope(), secretCred(w.secret.value)), authority: { instance: 'http://login.microsoftonline.com/', tenantId: w.tenantId } });
      assert.equal(e2.code, 'config/insecure-http');
      assert.equal(w.emu.requests.length, before);
    });

    it('caches tokens per authority, client, scope and credential; force refresh asks again', async () => {
      const c = client();
      const r = req(w.daemon.appId, apiScope(), secretCred(w.secret.value));
      const before = w.emu.tokenRequests().length;
      const a = await ok(c, r);
      const b = await ok(c, r);
      assert.equal(b.fromCache, true);
      assert.equal(b.accessToken, a.accessToken);
      assert.equal(w.emu.tokenRequests().length - before, 1);
      const other = await ok(c, req(w.daemon.appId, apiScope(), secretCred(w.specialSecret.value)));
      assert.equal(other.fromCache, false);
      const forced = await ok(c, r, { forceRefresh: true });
      assert.equal(forced.fromCache, false);
      assert.equal(w.emu.tokenRequests().length - before, 3);
    });

    it('renders the request as curl and raw HTTP with the secret as a variable', () => {
      const p = previewTokenRequest(req(w.daemon.appId, apiScope(), secretCred(w.secret.value)), { allowedHosts: [new URL(w.emu.url).host] });
      const curl = renderCurl(p);
      const raw = renderRawHttp(p);
      printed.push(curl, raw);
      assert.match(curl, /--data-urlencode "client_secret=\$ENTRA_CLIENT_SECRET"/);
      assert.ok(curl.includes(`'client_id=${w.daemon.appId}'`));
      assert.match(raw, /^POST \/[0-9a-f-]+\/oauth2\/v2\.0\/token HTTP\/1\.1\r\nHost: 127\.0\.0\.1:\d+/);
      assert.match(raw, /client_secret=\$\{ENTRA_CLIENT_SECRET\}/);
      const pc = renderCurl(previewTokenRequest({ ...req(w.certApp.appId, apiScope(), secretCred('x')), credential: { kind: 'certificate' } }, { allowedHosts: [new URL(w.emu.url).host] }));
      assert.match(pc, /client_assertion=\$ENTRA_CLIENT_ASSERTION/);
    });
  });

  describe('error trailers separated by spaces', () => {
    let emu2: EntraEmulator;
    before(async () => {
      const fx = new FixtureBuilder();
      const t = fx.tenant();
      t.app({ displayName: 'x' });
      emu2 = await EntraEmulator.start(fx.build(), { trailerSeparator: ' ', https: false, multiResourceCode: 700022 });
    });
    after(() => emu2.close());

    it('still finds trace and correlation IDs and the code', async () => {
      const c = new TokenClient({ allowedHosts: [new URL(emu2.url).host] });
      const tenantId = emu2.fixture.tenants[0]!.id;
      try {
        await c.acquire({ authority: { instance: emu2.instance, tenantId }, clientId: '00000000-0000-0000-0000-000000000001', scopes: ['https://graph.microsoft.com/.default'], credential: { kind: 'secret', secret: 'zzzz', source: 's' } });
        assert.fail('should fail');
      } catch (e) {
        assert.ok(e instanceof TokenError);
        assert.equal(e.aadsts, 700016);
        assert.match(e.traceId ?? '', /^[0-9a-f-]{36}$/);
        assert.match(e.correlationId ?? '', /^[0-9a-f-]{36}$/);
        assert.doesNotMatch(e.entraMessage ?? '', /Trace ID/);
      }
    });
  });

  describe('leak scan (runs last)', () => {
    it('never printed or logged a secret, password or token (scans every line above)', () => {
      assert.ok(printed.length > 50, `collected only ${printed.length} lines`);
      assert.ok(issuedTokens.length > 10);
      const all = printed.join('\n');
      for (const s of [...w.forbidden, ...passwords, w.cert.keyPem, ...issuedTokens]) {
        assert.equal(all.includes(s), false, `leaked: ${s.slice(0, 6)}…`);
        assert.equal(all.includes(encodeURIComponent(s)), false, `leaked (encoded): ${s.slice(0, 6)}…`);
      }
      assert.doesNotMatch(all, /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
    });
  });
});
