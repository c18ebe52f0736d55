import * as assert from 'node:assert/strict';
import { AADSTS50011_NOTE, adminRequestText, buildAdminConsentUrl, ConsentUrlError } from '../../src/core/consent';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '6e74172b-be56-4843-9ff4-e66a39bb12e3';

function refuses(fn: () => unknown, re: RegExp): void {
  assert.throws(fn, (err: unknown) => err instanceof ConsentUrlError && re.test(err.message));
}

describe('consent/admin-consent URL', () => {
  it('v1 short form for the public cloud (the quickstarts\' form)', () => {
    const c = buildAdminConsentUrl({ tenant: TENANT, clientId: CLIENT });
    assert.equal(c.url, `https://login.microsoftonline.com/${TENANT}/adminconsent?client_id=${CLIENT}`);
    assert.equal(c.version, 'v1');
    assert.ok(c.notes.includes(AADSTS50011_NOTE));
  });

  it('v1 with redirect_uri and state, encoded', () => {
    const c = buildAdminConsentUrl({ tenant: 'contoso.onmicrosoft.com', clientId: CLIENT, redirectUri: 'https://localhost:5001/consent done?x=1&y=2', state: 'a b&c=d' });
    assert.equal(
      c.url,
      `https://login.microsoftonline.com/contoso.onmicrosoft.com/adminconsent?client_id=${CLIENT}&redirect_uri=https%3A%2F%2Flocalhost%3A5001%2Fconsent+done%3Fx%3D1%26y%3D2&state=a+b%26c%3Dd`,
    );
    const u = new URL(c.url);
    assert.equal(u.searchParams.get('redirect_uri'), 'https://localhost:5001/consent done?x=1&y=2');
    assert.equal(u.searchParams.get('state'), 'a b&c=d');
    assert.ok(!c.notes.includes(AADSTS50011_NOTE));
  });

  it('v2 form with scope for US Gov', () => {
    const c = buildAdminConsentUrl({ tenant: TENANT, clientId: CLIENT, cloud: 'usgov', scope: 'https://graph.microsoft.us/.default', redirectUri: 'https://localhost/cb', state: '12345' });
    assert.equal(
      c.url,
      `https://login.microsoftonline.us/${TENANT}/v2.0/adminconsent?client_id=${CLIENT}&scope=https%3A%2F%2Fgraph.microsoft.us%2F.default&redirect_uri=https%3A%2F%2Flocalhost%2Fcb&state=12345`,
    );
    assert.equal(c.cloud, 'usgov');
    assert.match(c.notes.join('\n'), /https:\/\/graph\.microsoft\.us/);
  });

  it('China cloud, by name and by the config\'s Instance', () => {
    const byName = buildAdminConsentUrl({ tenant: TENANT, clientId: CLIENT, cloud: 'AzureChinaCloud' });
    assert.equal(byName.url, `https://login.partner.microsoftonline.cn/${TENANT}/adminconsent?client_id=${CLIENT}`);
    const byInstance = buildAdminConsentUrl({ tenant: TENANT, clientId: CLIENT, authorityHost: 'https://login.chinacloudapi.cn/' });
    assert.equal(byInstance.url, `https://login.chinacloudapi.cn/${TENANT}/adminconsent?client_id=${CLIENT}`);
    assert.equal(byInstance.cloud, 'china');
  });

  it('an explicit US Gov Instance wins over the cloud name', () => {
    const c = buildAdminConsentUrl({ tenant: TENANT, clientId: CLIENT, cloud: 'public', authorityHost: 'login.microsoftonline.us' });
    assert.match(c.url, /^https:\/\/login\.microsoftonline\.us\//);
  });

  it('v2 refuses "common" (use organizations); v1 accepts it', () => {
    refuses(() => buildAdminConsentUrl({ tenant: 'common', clientId: CLIENT, scope: 'https://graph.microsoft.com/.default' }), /organizations/);
    const org = buildAdminConsentUrl({ tenant: 'Organizations', clientId: CLIENT, scope: 'https://graph.microsoft.com/.default' });
    assert.match(org.url, /\/organizations\/v2\.0\/adminconsent\?/);
    assert.match(buildAdminConsentUrl({ tenant: 'common', clientId: CLIENT }).url, /\/common\/adminconsent\?/);
  });

  it('refuses bad input with specific messages', () => {
    refuses(() => buildAdminConsentUrl({ tenant: TENANT, clientId: 'Enter_the_Application_Id_Here' }), /not a GUID/);
    refuses(() => buildAdminConsentUrl({ tenant: 'Enter_the_Tenant_Id_Here', clientId: CLIENT }), /placeholder/);
    refuses(() => buildAdminConsentUrl({ tenant: 'consumers', clientId: CLIENT }), /no administrator/);
    refuses(() => buildAdminConsentUrl({ tenant: TENANT, clientId: CLIENT, version: 'v2' }), /needs a scope/);
    refuses(() => buildAdminConsentUrl({ tenant: TENANT, clientId: CLIENT, scope: 'User.Read.All' }), /\/\.default/);
    refuses(() => buildAdminConsentUrl({ tenant: TENANT, clientId: CLIENT, version: 'v1', scope: 'https://graph.microsoft.com/.default' }), /v1 admin-consent URL has no scope/);
    refuses(() => buildAdminConsentUrl({ tenant: TENANT, clientId: CLIENT, cloud: 'mars' }), /Unknown cloud/);
    refuses(() => buildAdminConsentUrl({ tenant: TENANT, clientId: CLIENT, authorityHost: 'https://login.evil.example' }), /not a Microsoft Entra authority host/);
    refuses(() => buildAdminConsentUrl({ tenant: TENANT, clientId: CLIENT, redirectUri: '/relative' }), /absolute URL/);
  });

  it('tenant and client are encoded into the path safely', () => {
    refuses(() => buildAdminConsentUrl({ tenant: '../x?y', clientId: CLIENT }), /not a tenant ID/);
  });

  it('the administrator request names the app, the permissions, the link and the AADSTS50011 note', () => {
    const consent = buildAdminConsentUrl({ tenant: TENANT, clientId: CLIENT });
    const text = adminRequestText({ consent, appName: 'Orders daemon', apiName: 'Microsoft Graph', permissions: ['User.Read.All', 'Group.Read.All'] });
    assert.match(text, /"Orders daemon" \(client ID 6e74172b/);
    assert.match(text, /User\.Read\.All, Group\.Read\.All on Microsoft Graph/);
    assert.ok(text.includes(consent.url));
    assert.match(text, /AADSTS50011/);
    assert.match(text, new RegExp(TENANT));
  });
});
