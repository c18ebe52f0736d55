// The emulator itself, spoken to with raw HTTP: it must behave like Entra (entra-facts.md §1, §3, §8)
// for the token client's tests to mean anything.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import { EntraEmulator, FixtureBuilder, selfSignedCertificate, TestCertificate, EmuApp, EmuSecret } from '../emulator';

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  json: Record<string, any>;
}

function request(method: string, url: string, body?: string, headers: Record<string, string> = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded', ...headers } : headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => {
        let json: Record<string, any> = {};
        try {
          json = JSON.parse(text) as Record<string, any>;
        } catch {
          json = { _text: text };
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const form = (o: Record<string, string>): string => new URLSearchParams(o).toString();

describe('Entra emulator', () => {
  let emu: EntraEmulator;
  let tenantId: string;
  let daemon: EmuApp;
  let secret: EmuSecret;
  let guarded: EmuApp;
  let selfApi: EmuApp;
  let selfSecret: EmuSecret;
  let cert: TestCertificate;
  let certApp: EmuApp;
  let foreign: EmuApp;
  let foreignSecret: EmuSecret;

  before(async () => {
    const fx = new FixtureBuilder();
    const t = fx.tenant({ domain: 'fabrikam.onmicrosoft.com' });
    tenantId = t.id;
    t.microsoftResources();
    daemon = t.app({ displayName: 'daemon' });
    secret = t.secret(daemon);
    guarded = t.app({ displayName: 'guarded API', identifierUris: ['https://api.fabrikam.com/guarded'], tokenVersion: 2, roles: ['Read'], assignmentRequired: true });
    selfApi = t.app({ displayName: 'self', identifierUris: [] });
    selfApi.identifierUris.push(`api://${selfApi.appId}`);
    selfSecret = t.secret(selfApi);
    cert = selfSignedCertificate('CN=emu-test');
    certApp = t.app({ displayName: 'cert app' });
    t.certificate(certApp, cert);
    // A registration whose service principal is not in this tenant (multi-tenant app never consented here).
    foreign = t.app({ displayName: 'foreign', servicePrincipal: false, identifierUris: ['https://foreign.example.com'] });
    foreignSecret = t.secret(foreign);
    emu = await EntraEmulator.start(fx.build(), { https: false });
  });
  after(() => emu.close());

  const tokenUrl = (tenant = tenantId, v1 = false): string => emu.tokenEndpoint(tenant, { v1 });
  const cc = (extra: Record<string, string>): string => form({ grant_type: 'client_credentials', client_id: daemon.appId, client_secret: secret.value, ...extra });

  it('publishes discovery documents (by GUID and domain) and keys that verify issued tokens', async () => {
    const d = await request('GET', `${emu.url}/fabrikam.onmicrosoft.com/v2.0/.well-known/openid-configuration`);
    assert.equal(d.status, 200);
    assert.equal(d.json.token_endpoint, `${emu.url}/fabrikam.onmicrosoft.com/oauth2/v2.0/token`);
    assert.equal(d.json.issuer, `https://login.microsoftonline.com/${tenantId}/v2.0`);
    assert.ok(d.json.token_endpoint_auth_methods_supported.includes('private_key_jwt'));
    const keys = await request('GET', d.json.jwks_uri);
    assert.equal(keys.json.keys[0].kty, 'RSA');
    const t = await request('POST', tokenUrl(), cc({ scope: 'https://graph.microsoft.com/.default' }));
    assert.equal(t.status, 200);
    const { payload, protectedHeader } = await jwtVerify(t.json.access_token, createLocalJWKSet(keys.json as { keys: [] }), { issuer: `https://sts.windows.net/${tenantId}/` });
    assert.equal(protectedHeader.x5t, protectedHeader.kid, 'v1 tokens carry x5t = kid');
    assert.equal(payload.ver, '1.0');
    assert.equal(payload.aud, 'https://graph.microsoft.com');
    assert.equal(payload.idtyp, 'app');
    assert.equal(payload.sub, payload.oid);
    assert.equal(t.json.token_type, 'Bearer');
    assert.equal(typeof t.json.expires_in, 'number');
    assert.equal(typeof t.json.ext_expires_in, 'number');
    const bad = await request('GET', `${emu.url}/nobody.onmicrosoft.com/v2.0/.well-known/openid-configuration`);
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error, 'invalid_tenant');
    assert.deepEqual(bad.json.error_codes, [90002]);
  });

  it('serves the v1 endpoint with resource= and string numbers', async () => {
    const t = await request('POST', tokenUrl(tenantId, true), form({ grant_type: 'client_credentials', client_id: daemon.appId, client_secret: secret.value, resource: 'https://database.windows.net/' }));
    assert.equal(t.status, 200);
    assert.equal(t.json.resource, 'https://database.windows.net/');
    assert.match(t.json.expires_on, /^\d+$/);
    assert.match(t.json.expires_in, /^\d+$/);
  });

  it('returns Entra-shaped errors with statuses, codes, IDs and the error URI of the host called', async () => {
    const cid = randomUUID();
    const r = await request('POST', tokenUrl(), cc({ client_secret: 'wrong', scope: 'https://graph.microsoft.com/.default' }), { 'client-request-id': cid });
    assert.equal(r.status, 401);
    assert.equal(r.json.error, 'invalid_client');
    assert.deepEqual(r.json.error_codes, [7000215]);
    assert.equal(r.json.correlation_id, cid);
    assert.match(r.json.error_description, /^AADSTS7000215: .*\r\nTrace ID: [0-9a-f-]+\r\nCorrelation ID: [0-9a-f-]+\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/s);
    assert.equal(r.json.error_uri, `${emu.url}/error?code=7000215`);
    assert.match(r.json.timestamp, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  });

  const cases: Array<[string, () => [string, string, string?], number, number]> = [
    ['GET on the token endpoint', () => ['GET', tokenUrl()], 400, 900561],
    ['resource on v2', () => ['POST', tokenUrl(), cc({ scope: 'https://graph.microsoft.com/.default', resource: 'x' })], 400, 901002],
    ['no scope', () => ['POST', tokenUrl(), cc({})], 400, 90014],
    ['no grant_type', () => ['POST', tokenUrl(), form({ client_id: daemon.appId })], 400, 900144],
    ['no credential', () => ['POST', tokenUrl(), form({ grant_type: 'client_credentials', client_id: daemon.appId, scope: 'https://graph.microsoft.com/.default' })], 401, 7000216],
    ['/consumers', () => ['POST', tokenUrl('consumers'), cc({ scope: 'https://graph.microsoft.com/.default' })], 400, 9001023],
    ['path segment as tenant', () => ['POST', `${emu.url}/oauth2/oauth2/v2.0/token`, cc({ scope: 'https://graph.microsoft.com/.default' })], 400, 900023],
    ['unknown tenant GUID', () => ['POST', tokenUrl(randomUUID()), cc({ scope: 'https://graph.microsoft.com/.default' })], 400, 90002],
    ['unknown client', () => ['POST', tokenUrl(), cc({ client_id: randomUUID(), scope: 'https://graph.microsoft.com/.default' })], 400, 700016],
    ['named scope', () => ['POST', tokenUrl(), cc({ scope: 'openid' })], 400, 1002012],
    ['bare /.default', () => ['POST', tokenUrl(), cc({ scope: '/.default' })], 400, 70011],
    ['not a URI or GUID', () => ['POST', tokenUrl(), cc({ scope: 'graph/.default' })], 400, 70011],
    ['.default mixed with a named scope', () => ['POST', tokenUrl(), cc({ scope: 'https://graph.microsoft.com/.default https://graph.microsoft.com/Mail.Read' })], 400, 70011],
    ['unknown resource', () => ['POST', tokenUrl(), cc({ scope: 'api://nothing-here/.default' })], 400, 500011],
    ['assignment required, none given', () => ['POST', tokenUrl(), cc({ scope: 'https://api.fabrikam.com/guarded/.default' })], 400, 501051],
    ['client without a service principal here', () => ['POST', tokenUrl(), form({ grant_type: 'client_credentials', client_id: foreign.appId, client_secret: foreignSecret.value, scope: 'https://graph.microsoft.com/.default' })], 400, 700016],
    ['resource without a service principal here', () => ['POST', tokenUrl(), cc({ scope: 'https://foreign.example.com/.default' })], 400, 500011],
    ['self by App ID URI', () => ['POST', tokenUrl(), form({ grant_type: 'client_credentials', client_id: selfApi.appId, client_secret: selfSecret.value, scope: `api://${selfApi.appId}/.default` })], 400, 90009],
  ];
  for (const [name, make, status, code] of cases) {
    it(`${name} → ${status} AADSTS${code}`, async () => {
      const [method, url, body] = make();
      const r = await request(method, url, body);
      assert.equal(r.status, status, JSON.stringify(r.json));
      assert.deepEqual(r.json.error_codes, [code]);
    });
  }

  it('self token with the GUID form works', async () => {
    const r = await request('POST', tokenUrl(), form({ grant_type: 'client_credentials', client_id: selfApi.appId, client_secret: selfSecret.value, scope: `${selfApi.appId}/.default` }));
    assert.equal(r.status, 200);
  });

  it('accepts HTTP Basic client authentication', async () => {
    const basic = Buffer.from(`${encodeURIComponent(daemon.appId)}:${encodeURIComponent(secret.value)}`).toString('base64');
    const r = await request('POST', tokenUrl(), form({ grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default' }), { authorization: `Basic ${basic}` });
    assert.equal(r.status, 200, JSON.stringify(r.json));
  });

  describe('client assertions', () => {
    const now = (): number => Math.floor(Date.now() / 1000);
    async function assertion(opts: { header?: Record<string, unknown>; claims?: Record<string, unknown>; key?: TestCertificate } = {}): Promise<string> {
      const key = opts.key ?? cert;
      const t = now();
      return new SignJWT({ aud: emu.tokenEndpoint(tenantId), iss: certApp.appId, sub: certApp.appId, jti: randomUUID(), nbf: t, exp: t + 600, ...opts.claims })
        .setProtectedHeader({ alg: 'PS256', 'x5t#S256': key.x5tS256, ...opts.header } as { alg: string })
        .sign(key.privateKey);
    }
    const post = (a: string): Promise<Res> =>
      request('POST', tokenUrl(), form({ grant_type: 'client_credentials', client_id: certApp.appId, scope: 'https://graph.microsoft.com/.default', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: a }));

    it('accepts PS256/x5t#S256, RS256/x5t, x5c as string or array, string nbf/exp and no nbf/iat, any tenant form or alias in aud', async () => {
      const variants = [
        await assertion(),
        await assertion({ header: { alg: 'RS256', 'x5t#S256': undefined, x5t: cert.x5t } }),
        await assertion({ header: { 'x5t#S256': undefined, x5c: cert.der.toString('base64') } }),
        await assertion({ header: { x5c: [cert.der.toString('base64')] } }),
        await assertion({ claims: { nbf: String(now()), exp: String(now() + 600) } }),
        await assertion({ claims: { nbf: undefined } }),
        await assertion({ claims: { aud: `https://login.microsoftonline.com/fabrikam.onmicrosoft.com/oauth2/v2.0/token` } }),
        await assertion({ claims: { aud: `https://login.windows.net/${tenantId}/oauth2/token` } }),
        await assertion({ claims: { aud: `https://login.microsoftonline.com/${tenantId}/v2.0` } }),
      ];
      for (const [i, a] of variants.entries()) {
        const r = await post(a);
        assert.equal(r.status, 200, `variant ${i}: ${JSON.stringify(r.json)}`);
      }
    });

    it('rejects an unknown certificate (700027 with its thumbprint), a bad signature, sub≠iss, wrong aud, stale time', async () => {
      const other = selfSignedCertificate('CN=other');
      let r = await post(await assertion({ key: other }));
      assert.deepEqual(r.json.error_codes, [700027]);
      assert.ok(r.json.error_description.includes(other.sha256Hex));
      // Registered thumbprint, but signed with another key.
      r = await post(await assertion({ key: { ...other, x5tS256: cert.x5tS256 } }));
      assert.deepEqual(r.json.error_codes, [700027]);
      assert.match(r.json.error_description, /did not match/);
      r = await post(await assertion({ claims: { sub: 'someone-else' } }));
      assert.deepEqual(r.json.error_codes, [50048]);
      r = await post(await assertion({ claims: { aud: 'https://example.com/token' } }));
      assert.deepEqual(r.json.error_codes, [50027]);
      r = await post(await assertion({ claims: { nbf: now() - 7200, exp: now() - 3600 } }));
      assert.deepEqual(r.json.error_codes, [700024]);
      assert.match(r.json.error_description, /Current time: \d{4}-.*\.0000000Z, assertion valid from .*, expiry time of assertion /);
      r = await post(await assertion({ header: { 'x5t#S256': undefined } }));
      assert.deepEqual(r.json.error_codes, [50027]);
      assert.match(r.json.error_description, /No certificate thumbprint/);
    });
  });

  it('fault injection: a delay still answers normally', async () => {
    emu.fault({ kind: 'delay', ms: 50 });
    const r = await request('POST', tokenUrl(), cc({ scope: 'https://graph.microsoft.com/.default' }));
    assert.equal(r.status, 200);
  });

  it('fault injection: Retry-After headers, HTML 502 and one-shot faults', async () => {
    emu.fault({ kind: 'status', status: 429, retryAfter: 7 });
    let r = await request('POST', tokenUrl(), cc({ scope: 'https://graph.microsoft.com/.default' }));
    assert.equal(r.status, 429);
    assert.equal(r.headers['retry-after'], '7');
    emu.fault({ kind: 'html' });
    r = await request('POST', tokenUrl(), cc({ scope: 'https://graph.microsoft.com/.default' }));
    assert.equal(r.status, 502);
    assert.match(String(r.headers['content-type']), /text\/html/);
    r = await request('POST', tokenUrl(), cc({ scope: 'https://graph.microsoft.com/.default' }));
    assert.equal(r.status, 200);
  });
});
