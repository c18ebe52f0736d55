import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  explainEntraError,
  flattenConfig,
  parseEntraError,
  parseRetryAfter,
  planCredential,
  proxyFromEnv,
  Redactor,
  RequestContext,
  resolveAuthority,
  resolveSecret,
  TokenError,
  userSecretsPath,
} from '../../src/core/token';
import { redactPatterns } from '../../src/core/token/redact';
import { classifySystemError, NetworkFailure } from '../../src/core/token/http';
import { explainNetworkFailure } from '../../src/core/token/explain';

const ctx = (over: Partial<RequestContext> = {}): RequestContext => ({
  clientId: '11111111-2222-3333-4444-555555555555',
  tenant: 'contoso.onmicrosoft.com',
  tokenEndpoint: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
  host: 'login.microsoftonline.com',
  cloudName: 'Azure public (worldwide)',
  scope: 'https://database.windows.net/.default',
  credential: { kind: 'secret', source: 'environment variable S', secretShape: 'entra-value' },
  ...over,
});

function body(code: number, error: string, msg: string, sep: string): string {
  return JSON.stringify({
    error,
    error_description: `AADSTS${code}: ${msg}${sep}Trace ID: 0000aaaa-11bb-cccc-dd33-eeeeee333333${sep}Correlation ID: aaaa0000-bb11-2222-33cc-444444dddddd${sep}Timestamp: 2024-12-01 10:00:00Z`,
    error_codes: [code],
    timestamp: '2024-12-01 10:00:00Z',
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  });
}

describe('token: Entra error parsing and explanations', () => {
  for (const [name, sep] of [
    ['\\r\\n', '\r\n'],
    ['space', ' '],
  ] as const) {
    it(`splits trailers separated by ${name}`, () => {
      const b = parseEntraError(body(500011, 'invalid_resource', 'The resource principal named https://database.windows.net was not found in the tenant named Contoso.', sep))!;
      assert.equal(b.message, 'The resource principal named https://database.windows.net was not found in the tenant named Contoso.');
      assert.equal(b.traceId, '0000aaaa-11bb-cccc-dd33-eeeeee333333');
      assert.equal(b.correlationId, 'aaaa0000-bb11-2222-33cc-444444dddddd');
      assert.equal(b.timestamp, '2024-12-01 10:00:00Z');
      assert.deepEqual(b.codes, [500011]);
    });
  }

  it('reads trace IDs from the description when the fields are missing, and error_codes as a string', () => {
    const b = parseEntraError(
      JSON.stringify({ error: 'invalid_resource', error_description: 'AADSTS500011: x.\r\nTrace ID: abc-1\r\nCorrelation ID: def-2\r\nTimestamp: 2022-11-10 23:12:37Z', error_codes: '[500011]' }),
    )!;
    assert.deepEqual(b.codes, [500011]);
    assert.equal(b.traceId, 'abc-1');
    assert.equal(b.correlationId, 'def-2');
  });

  it('collects chained codes of old responses', () => {
    const b = parseEntraError(JSON.stringify({ error: 'invalid_client', error_description: 'AADSTS70002: Error validating credentials. AADSTS50012: Client assertion is not within its valid time range.', error_codes: [70002, 50012] }))!;
    assert.deepEqual(b.codes, [70002, 50012]);
  });

  it('is not fooled by non-JSON or non-error JSON', () => {
    assert.equal(parseEntraError('<html>502</html>'), undefined);
    assert.equal(parseEntraError('{"access_token":"x"}'), undefined);
    assert.equal(parseEntraError('[1,2]'), undefined);
  });

  it('500011 on database.windows.net points at the trailing slash', () => {
    const e = explainEntraError(parseEntraError(body(500011, 'invalid_resource', 'The resource principal named https://database.windows.net was not found.', ' '))!, 400, ctx());
    assert.equal(e.code, 'AADSTS500011');
    assert.match(e.explanation, /trailing slash/);
    assert.ok(e.fix.includes('https://database.windows.net//.default'));
  });

  it('500011 on a custom URI without GUID asks for the App ID URI', () => {
    const e = explainEntraError(parseEntraError(body(500011, 'invalid_resource', 'x', ' '))!, 400, ctx({ scope: 'api://my-api/.default' }));
    assert.match(e.explanation, /Application ID URI/);
    assert.match(e.fix, /Expose an API|\{apiClientId\}\/\.default/);
  });

  it('700024 computes the clock difference from Entra’s "Current time"', () => {
    const past = new Date(Date.now() - 30 * 60_000).toISOString().replace(/\.\d+Z$/, '.0000000Z');
    const e = explainEntraError(
      parseEntraError(body(700024, 'invalid_client', `Client assertion is not within its valid time range. Current time: ${past}, assertion valid from x, expiry time of assertion y.`, ' '))!,
      401,
      ctx({ credential: { kind: 'certificate', source: 'file c.pem' } }),
    );
    assert.match(e.explanation, /differs from Entra's by about 30 minutes/);
  });

  it('an unknown code keeps Entra’s text and the error URI', () => {
    const e = explainEntraError(parseEntraError(body(99999991, 'invalid_request', 'Something brand new happened. More text.', ' '))!, 400, ctx());
    assert.equal(e.code, 'AADSTS99999991');
    assert.equal(e.title, 'Something brand new happened.');
    assert.match(e.explanation, /Something brand new happened/);
    assert.match(e.fix, /error\?code=99999991/);
    assert.equal(e.toJSON().traceId, '0000aaaa-11bb-cccc-dd33-eeeeee333333');
  });
});

describe('token: authority resolution and host policy', () => {
  it('builds the v2 endpoint from Instance + TenantId (with or without trailing slash)', () => {
    for (const instance of ['https://login.microsoftonline.com', 'https://login.microsoftonline.com/']) {
      const a = resolveAuthority({ instance, tenantId: 'contoso.onmicrosoft.com' });
      assert.equal(a.tokenEndpoint, 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token');
      assert.equal(a.cloud?.id, 'public');
    }
  });

  it('understands Authority (…/v2.0), the legacy {0} Instance, national clouds and B2C', () => {
    assert.equal(resolveAuthority({ authority: 'https://login.microsoftonline.us/abc/v2.0' }).tokenEndpoint, 'https://login.microsoftonline.us/abc/oauth2/v2.0/token');
    assert.equal(resolveAuthority({ authority: 'https://login.microsoftonline.us/abc/v2.0' }).cloud?.id, 'usgov');
    assert.equal(resolveAuthority({ instance: 'https://login.partner.microsoftonline.cn/{0}', tenantId: 't1' }).tokenEndpoint, 'https://login.partner.microsoftonline.cn/t1/oauth2/v2.0/token');
    assert.equal(
      resolveAuthority({ authority: 'https://contoso.b2clogin.com/tfp/contoso.onmicrosoft.com/B2C_1_susi' }).tokenEndpoint,
      'https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_susi/oauth2/v2.0/token',
    );
    // A pasted token endpoint is reduced to the tenant.
    assert.equal(resolveAuthority({ authority: 'https://login.microsoftonline.com/t2/oauth2/v2.0/token' }).tenant, 't2');
  });

  it('refuses unknown hosts unless allowed, and http except on loopback', () => {
    assert.throws(() => resolveAuthority({ instance: 'https://login.microsoftonline.com.evil.example/', tenantId: 't' }), (e: TokenError) => e.code === 'config/authority-host-not-allowed');
    assert.equal(resolveAuthority({ instance: 'https://idp.contoso.com/', tenantId: 't' }, { allowedHosts: ['idp.contoso.com'] }).trust, 'allowed');
    assert.throws(() => resolveAuthority({ instance: 'http://idp.contoso.com/', tenantId: 't' }, { allowedHosts: ['idp.contoso.com'] }), (e: TokenError) => e.code === 'config/insecure-http');
    assert.equal(resolveAuthority({ instance: 'http://127.0.0.1:9999/', tenantId: 't' }, { allowedHosts: ['127.0.0.1:9999'] }).origin, 'http://127.0.0.1:9999');
    // Loopback is not trusted just for being loopback.
    assert.throws(() => resolveAuthority({ instance: 'http://127.0.0.1:9999/', tenantId: 't' }), (e: TokenError) => e.code === 'config/authority-host-not-allowed');
  });

  it('says what is missing', () => {
    assert.throws(() => resolveAuthority({ instance: 'https://login.microsoftonline.com/' }), (e: TokenError) => e.code === 'config/missing-tenant');
    assert.throws(() => resolveAuthority({}), (e: TokenError) => e.code === 'config/missing-instance');
    assert.throws(() => resolveAuthority({ instance: 'login.microsoftonline.com', tenantId: 't' }), (e: TokenError) => e.code === 'config/invalid-authority');
  });
});

describe('token: redaction', () => {
  it('replaces known secrets raw and URL-encoded, and masks JWTs and credential fields', () => {
    const r = new Redactor(['p+a/ss w&rd%', undefined, 'ab']);
    const out = r.redact('x=p+a/ss w&rd% y=p%2Ba%2Fss%20w%26rd%25 z=p%2Ba%2Fss+w%26rd%25 ab');
    assert.equal(out.includes('p+a/ss'), false);
    assert.equal(out.includes('p%2Ba'), false);
    assert.ok(out.endsWith(' ab'), 'very short values are not treated as secrets');
    assert.equal(
      redactPatterns('client_secret=abc&client_id=1 "access_token":"eyJhbGciOi.eyJzdWIiOi.sig" Authorization: Bearer abc.def'),
      'client_secret=[REDACTED]&client_id=1 "access_token":"[REDACTED]" Authorization: Bearer [REDACTED]',
    );
    assert.doesNotMatch(redactPatterns('token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'), /eyJzdWIi/);
  });
});

describe('token: secret sources', () => {
  let tmp: string;
  before(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'entra-us-'));
  });
  after(() => fs.rm(tmp, { recursive: true, force: true }));

  it('maps user-secrets paths per platform and flattens keys with ":"', () => {
    assert.equal(userSecretsPath('id1', 'linux', { HOME: '/home/u' }, '/x'), '/home/u/.microsoft/usersecrets/id1/secrets.json');
    assert.equal(userSecretsPath('id1', 'win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'C:\\'), 'C:\\Users\\u\\AppData\\Roaming\\Microsoft\\UserSecrets\\id1\\secrets.json');
    assert.deepEqual([...flattenConfig({ AzureAd: { ClientCredentials: [{ ClientSecret: 's' }] }, X: true })], [
      ['AzureAd:ClientCredentials:0:ClientSecret', 's'],
      ['X', 'true'],
    ]);
  });

  it('tries env, config (warned), user secrets, then the prompt — and names the source', async () => {
    const proj = path.join(tmp, 'proj');
    await fs.mkdir(proj, { recursive: true });
    await fs.writeFile(path.join(proj, 'App.csproj'), '<Project><PropertyGroup>\n <UserSecretsId> us-42 </UserSecretsId></PropertyGroup></Project>');
    const home = path.join(tmp, 'home');
    await fs.mkdir(path.join(home, '.microsoft/usersecrets/us-42'), { recursive: true });
    await fs.writeFile(path.join(home, '.microsoft/usersecrets/us-42/secrets.json'), '\uFEFF{"AzureAd": {"ClientSecret": "from-user-secrets"}}');
    const where = { env: { HOME: home, S: 'from-env' } as NodeJS.ProcessEnv, platform: 'linux' as const };
    const userSecrets = { project: proj, keys: ['azuread:clientsecret'] };
    const prompts: string[] = [];
    const prompt = async (why: string) => (prompts.push(why), { value: 'typed' });

    let r = await resolveSecret({ envVars: ['S'], config: { value: 'from-config', file: 'appsettings.json', key: 'AzureAd:ClientSecret' }, userSecrets, prompt }, where);
    assert.deepEqual([r.value, r.source.kind, r.source.label], ['from-env', 'env', 'environment variable S']);

    r = await resolveSecret({ envVars: ['NOPE'], config: { value: 'from-config', file: 'appsettings.json', key: 'AzureAd:ClientSecret' }, userSecrets, prompt }, where);
    assert.equal(r.source.kind, 'config');
    assert.match(r.warnings[0]!, /appsettings\.json/);

    r = await resolveSecret({ envVars: ['NOPE'], config: { value: '[Enter here a client secret for your application]', file: 'a.json', key: 'k' }, userSecrets, prompt }, where);
    assert.deepEqual([r.value, r.source.label], ['from-user-secrets', '.NET user secrets us-42 (azuread:clientsecret)']);

    r = await resolveSecret({ envVars: ['NOPE'], userSecrets: { project: tmp, keys: ['x'] }, prompt }, where);
    assert.deepEqual([r.value, r.source.kind], ['typed', 'prompt']);
    assert.match(prompts[0]!, /NOPE/);

    await assert.rejects(resolveSecret({ envVars: ['NOPE'], prompt: async () => undefined }, where), (e: TokenError) => e.code === 'credential/no-secret' && /NOPE/.test(e.explanation));
  });
});

describe('token: credential descriptions', () => {
  it('maps usable SourceTypes and explains the ones this tool cannot use', () => {
    assert.equal(planCredential({ SourceType: 'ClientSecret', ClientSecret: 'x' }, 'AzureAd:ClientCredentials:0').kind, 'secret');
    assert.deepEqual(planCredential({ sourcetype: 'path', CertificateDiskPath: 'c.pfx', CertificatePassword: 'p' }, 'k'), { kind: 'certificate-file', path: 'c.pfx', password: 'p' });
    assert.equal(planCredential({ SourceType: 2, Base64EncodedValue: 'AAAA' }, 'k').kind, 'certificate-base64');
    assert.equal(planCredential({ SourceType: 'SignedAssertionFilePath' }, 'k').kind, 'federated-file');
    assert.equal(planCredential({ SourceType: 'ClientSecret', Skip: true }, 'k').kind, 'skip');
    for (const [type, re] of [
      ['KeyVault', /Key Vault/],
      ['StoreWithThumbprint', /certificate store/],
      ['StoreWithDistinguishedName', /certificate store/],
      ['SignedAssertionFromManagedIdentity', /managed identity/],
      ['SignedAssertionFromVault', /Key Vault/],
      ['CustomSignedAssertion', /custom assertion provider/],
      ['NoSuchType', /not one Microsoft\.Identity\.Web knows/],
    ] as const) {
      const p = planCredential({ SourceType: type }, 'AzureAd:ClientCredentials:0');
      assert.equal(p.kind, 'unusable', type);
      assert.match((p as { explanation: string }).explanation, re);
    }
  });
});

describe('token: Retry-After and proxy selection', () => {
  it('parses delta-seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('2'), 2000);
    assert.equal(parseRetryAfter(undefined), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
    const now = Date.parse('2024-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('Mon, 01 Jan 2024 00:00:05 GMT', now), 5000);
  });

  it('uses HTTPS_PROXY except for NO_PROXY matches and loopback', () => {
    const env = { HTTPS_PROXY: 'proxy.corp:3128', NO_PROXY: '.internal.corp,localhost' };
    assert.equal(proxyFromEnv('https://login.microsoftonline.com/x', env), 'http://proxy.corp:3128');
    assert.equal(proxyFromEnv('https://sts.internal.corp/x', env), undefined);
    assert.equal(proxyFromEnv('https://127.0.0.1:8443/x', env), undefined);
    assert.equal(proxyFromEnv('http://127.0.0.1:8080/x', env), undefined);
    assert.equal(proxyFromEnv('https://login.microsoftonline.com/x', {}), undefined);
  });
});

describe('token: network failure explanations', () => {
  it('classifies system errors', () => {
    const err = (code: string, message = code): NodeJS.ErrnoException => Object.assign(new Error(message), { code });
    assert.equal(classifySystemError(err('ENOTFOUND')), 'dns');
    assert.equal(classifySystemError(err('EAI_AGAIN')), 'dns');
    assert.equal(classifySystemError(err('ECONNREFUSED')), 'refused');
    assert.equal(classifySystemError(err('ECONNRESET')), 'reset');
    assert.equal(classifySystemError(err('UNABLE_TO_VERIFY_LEAF_SIGNATURE')), 'tls');
    assert.equal(classifySystemError(err('SELF_SIGNED_CERT_IN_CHAIN')), 'tls');
    assert.equal(classifySystemError(err('ERR_TLS_CERT_ALTNAME_INVALID')), 'tls');
    assert.equal(classifySystemError(err('ETIMEDOUT')), 'timeout');
  });

  it('explains each kind in terms of the host called', () => {
    const where = { host: 'login.microsoftonline.com', tokenEndpoint: 'https://login.microsoftonline.com/t/oauth2/v2.0/token' };
    const dns = explainNetworkFailure(new NetworkFailure('dns', 'getaddrinfo ENOTFOUND', 'ENOTFOUND'), where);
    assert.equal(dns.code, 'network/dns');
    assert.match(dns.explanation, /login\.microsoftonline\.com/);
    const tls = explainNetworkFailure(new NetworkFailure('tls', 'self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN'), where);
    assert.match(tls.fix, /NODE_EXTRA_CA_CERTS/);
    assert.match(tls.fix, /Never disable certificate checks/);
    const proxy = explainNetworkFailure(new NetworkFailure('proxy', 'proxy refused the tunnel: HTTP 407', undefined, 407), where, 'http://proxy:3128');
    assert.equal(proxy.title, 'Proxy requires authentication');
    assert.equal(explainNetworkFailure(new NetworkFailure('cancelled', 'x'), where).kind, 'cancelled');
    assert.equal(explainNetworkFailure(new NetworkFailure('reset', 'x'), where).kind, 'network');
  });
});
