import * as assert from 'node:assert/strict';
import { Diagnosis, inspectToken, resourceFromScope } from '../../src/core/jwt';
import { API_CLIENT_ID, appToken, CLIENT_ID, TENANT } from './tokens';

const GRAPH = '00000003-0000-0000-c000-000000000000';
const ids = (d: Diagnosis[]): string[] => d.map((x) => x.id);
const find = (d: Diagnosis[], id: string): Diagnosis => {
  const x = d.find((e) => e.id === id);
  assert.ok(x, `expected diagnosis ${id}, got ${ids(d).join(', ') || 'none'}`);
  return x;
};

describe('jwt/diagnose', () => {
  it('a v2 app token with roles: verdict lists the roles, no errors', async () => {
    const r = inspectToken(await appToken({ aud: 'https://graph.microsoft.com', roles: ['User.Read.All', 'Group.Read.All'] }), { expectAppToken: true });
    assert.equal(r.verdict.status, 'ok');
    assert.equal(r.verdict.text, '✔ roles User.Read.All, Group.Read.All');
    assert.ok(!r.diagnosis.some((d) => d.severity === 'error'), ids(r.diagnosis).join());
    assert.equal(r.summary.microsoftApi, 'Microsoft Graph');
  });

  it('Graph token without roles: grant application permissions, consent URL, admin request', async () => {
    const r = inspectToken(await appToken({ aud: GRAPH, header: { nonce: 'AbCdEf123' } }));
    const d = find(r.diagnosis, 'token/no-roles-microsoft-api');
    assert.equal(d.severity, 'error');
    assert.match(d.explanation, /API permissions.*Microsoft Graph.*Application permissions/);
    assert.match(d.explanation, /group/i);
    assert.equal(d.action?.kind, 'openConsentUrl');
    assert.equal(d.action?.url, `https://login.microsoftonline.com/${TENANT}/adminconsent?client_id=${CLIENT_ID}`);
    const request = d.moreActions?.find((a) => a.kind === 'copyAdminRequest');
    assert.ok(request?.text?.includes(d.action!.url!));
    assert.match(request!.text!, /Microsoft Graph/);
    assert.match(request!.text!, /AADSTS50011/);
    assert.equal(r.verdict.text, '✖ no roles: admin consent missing');
    assert.equal(r.verdict.action?.url, d.action?.url);
    // The Graph nonce: explained, never called an invalid signature.
    assert.match(find(r.diagnosis, 'token/graph-not-verifiable').explanation, /nonce/);
    assert.ok(!ids(r.diagnosis).includes('token/no-roles-own-api'));
  });

  it("own API without roles: define app roles (Applications), add to the client, consent", async () => {
    const r = inspectToken(await appToken({ version: '1.0', aud: 'api://my-orders-api' }), { configuredTenant: TENANT, clientId: CLIENT_ID, expectedRoles: ['Orders.Read'] });
    const d = find(r.diagnosis, 'token/no-roles-own-api');
    assert.match(d.explanation, /define app roles with allowed member types "Applications"/);
    assert.match(d.explanation, /My APIs/);
    assert.match(d.explanation, /group/);
    assert.match(r.adminRequest!, /Orders\.Read on api:\/\/my-orders-api/);
    assert.ok(!ids(r.diagnosis).includes('token/no-roles-microsoft-api'));
  });

  it('consent link follows the cloud of the issuer (US Gov) or the configured cloud (China)', async () => {
    const gov = inspectToken(await appToken({ aud: GRAPH, issuerHost: 'login.microsoftonline.us' }));
    assert.match(gov.consent!.url, /^https:\/\/login\.microsoftonline\.us\//);
    const cn = inspectToken(await appToken({ aud: GRAPH }), { cloud: 'china' });
    assert.match(cn.consent!.url, /^https:\/\/login\.partner\.microsoftonline\.cn\//);
  });

  it('SQL audience without the trailing slash is an error; with it, fine', async () => {
    const bad = inspectToken(await appToken({ version: '1.0', aud: 'https://database.windows.net', roles: ['x'] }), { requestedScope: 'https://database.windows.net/.default' });
    const d = find(bad.diagnosis, 'token/audience-trailing-slash');
    assert.equal(d.severity, 'error');
    assert.match(d.explanation, /"https:\/\/database\.windows\.net\/\/\.default"/);
    assert.match(d.explanation, /ANONYMOUS LOGON/);
    const good = inspectToken(await appToken({ version: '1.0', aud: 'https://database.windows.net/', roles: ['x'] }), { requestedScope: 'https://database.windows.net//.default' });
    assert.ok(!ids(good.diagnosis).some((i) => i.startsWith('token/audience')), ids(good.diagnosis).join());
  });

  it('ARM without the slash is only a warning', async () => {
    const r = inspectToken(await appToken({ version: '1.0', aud: 'https://management.azure.com', roles: ['x'] }));
    assert.equal(find(r.diagnosis, 'token/audience-trailing-slash').severity, 'warning');
  });

  it('audience differs from the requested resource', async () => {
    const r = inspectToken(await appToken({ version: '1.0', aud: 'api://other-api', roles: ['x'] }), { requestedScope: 'api://my-api/.default' });
    assert.equal(find(r.diagnosis, 'token/audience-mismatch').severity, 'error');
    const slash = inspectToken(await appToken({ version: '1.0', aud: 'api://my-api/', roles: ['x'] }), { requestedScope: 'api://my-api/.default' });
    find(slash.diagnosis, 'token/audience-differs-slash');
    // v2 tokens carry the client ID even when the App ID URI was requested: not a mismatch.
    const v2 = inspectToken(await appToken({ aud: API_CLIENT_ID, roles: ['x'] }), { requestedScope: 'api://my-api/.default' });
    assert.ok(!ids(v2.diagnosis).includes('token/audience-mismatch'));
    assert.equal(find(v2.diagnosis, 'token/audience-form').severity, 'info');
  });

  it('resourceFromScope takes everything before the last slash', () => {
    assert.equal(resourceFromScope('https://database.windows.net//.default'), 'https://database.windows.net/');
    assert.equal(resourceFromScope('https://graph.microsoft.com/.default'), 'https://graph.microsoft.com');
    assert.equal(resourceFromScope('https://vault.azure.net'), 'https://vault.azure.net');
  });

  it('token version vs what the API expects', async () => {
    const r = inspectToken(await appToken({ version: '1.0', roles: ['x'] }), { expectedVersion: '2.0' });
    const d = find(r.diagnosis, 'token/version-mismatch');
    assert.match(d.explanation, /accessTokenAcceptedVersion/);
    const ok = inspectToken(await appToken({ version: '2.0', roles: ['x'] }), { expectedVersion: '2.0' });
    assert.ok(!ids(ok.diagnosis).some((i) => i.startsWith('token/version')));
    const unknown = inspectToken(await appToken({ version: '1.0', roles: ['x'] }));
    assert.match(find(unknown.diagnosis, 'token/version').explanation, /sts\.windows\.net/);
  });

  it('expired and not yet valid', async () => {
    const expired = inspectToken(await appToken({ roles: ['x'], expiresIn: -120 }));
    const d = find(expired.diagnosis, 'token/expired');
    assert.match(d.title, /^Expired 2 min( \d+ s)? ago$/);
    assert.equal(d.action?.kind, 'refresh');
    assert.equal(expired.verdict.status, 'error');
    assert.match(expired.verdict.text, /^✖ roles x — Expired/);
    const future = inspectToken(await appToken({ roles: ['x'], notBeforeIn: 3600, expiresIn: 7200 }));
    assert.equal(find(future.diagnosis, 'token/not-yet-valid').severity, 'error');
    const soon = inspectToken(await appToken({ roles: ['x'], expiresIn: 120 }));
    assert.equal(find(soon.diagnosis, 'token/expires-soon').severity, 'info');
  });

  it('tenant differs from the configured one; client differs', async () => {
    const other = '11111111-2222-3333-4444-555555555555';
    const r = inspectToken(await appToken({ roles: ['x'] }), { configuredTenant: other, clientId: '99999999-2222-3333-4444-555555555555' });
    assert.match(find(r.diagnosis, 'token/tenant-mismatch').explanation, new RegExp(TENANT));
    find(r.diagnosis, 'token/client-mismatch');
    const domain = inspectToken(await appToken({ roles: ['x'] }), { configuredTenant: 'contoso.onmicrosoft.com' });
    assert.ok(!ids(domain.diagnosis).includes('token/tenant-mismatch'));
  });

  it('expected roles missing are listed (and case-only differences named)', async () => {
    const r = inspectToken(await appToken({ roles: ['Orders.Read', 'orders.write'] }), { expectedRoles: ['Orders.Read', 'Orders.Write', 'Admin'] });
    const d = find(r.diagnosis, 'token/expected-roles-missing');
    assert.equal(d.title, 'Missing roles: Orders.Write, Admin');
    assert.match(d.explanation, /Orders\.Write differ only in letter case/);
    assert.match(r.verdict.text, /^✖ roles Orders\.Read, orders\.write — Missing roles/);
    // Consent again after adding the permissions: the link and the request name what is missing.
    assert.equal(d.action?.kind, 'openConsentUrl');
    assert.match(r.adminRequest!, /Orders\.Write, Admin/);
  });

  it('a delegated token where an app token was expected', async () => {
    const r = inspectToken(await appToken({ extra: { idtyp: undefined, scp: 'User.Read Mail.Read', name: 'Abe' } }), { expectAppToken: true });
    assert.equal(r.summary.kind, 'delegated');
    const d = find(r.diagnosis, 'token/delegated');
    assert.equal(d.severity, 'error');
    assert.match(d.explanation, /User\.Read, Mail\.Read/);
    assert.ok(!ids(r.diagnosis).some((i) => i.startsWith('token/no-roles')));
  });
});

describe('jwt/diagnose: APIs that do not use app roles', () => {
  it('calls a role-less Azure SQL token normal and says access is granted in the database, not by consent', async () => {
    const r = inspectToken(await appToken({ version: '1.0', aud: 'https://database.windows.net/' }), { requestedScope: 'https://database.windows.net//.default' });
    const d = r.diagnosis.find((x: Diagnosis) => x.id === 'token/no-roles-expected');
    assert.ok(d, JSON.stringify(r.diagnosis.map((x: Diagnosis) => x.id)));
    assert.equal(d.severity, 'info');
    assert.match(d.explanation, /FROM EXTERNAL PROVIDER/);
    assert.ok(!r.diagnosis.some((x: Diagnosis) => x.id === 'token/no-roles-microsoft-api'));
    assert.doesNotMatch(r.verdict.text, /consent/);
    assert.notEqual(r.verdict.status, 'error');
  });

  it('still says admin consent is missing for a role-less Microsoft Graph token', async () => {
    const r = inspectToken(await appToken({ version: '1.0', aud: 'https://graph.microsoft.com' }), { requestedScope: 'https://graph.microsoft.com/.default' });
    assert.ok(r.diagnosis.some((x: Diagnosis) => x.id === 'token/no-roles-microsoft-api'));
    assert.match(r.verdict.text, /admin consent missing/);
  });
});
