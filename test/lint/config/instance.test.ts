import * as assert from 'node:assert/strict';
import { fixAndRecheck, findings } from './helpers';

const az = (props: string) => `{ "AzureAd": { "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4", ${props} } }`;

describe('config/instance', () => {
  it('accepts the usual shapes: trailing slash or not, national clouds, {0} slot, B2C /tfp/, CIAM authority', () => {
    const ok = [
      az(`"Instance": "https://login.microsoftonline.com/", "TenantId": "common"`),
      az(`"Instance": "https://login.microsoftonline.us", "TenantId": "contoso.onmicrosoft.us"`),
      `{ "Instance": "https://login.microsoftonline.com/{0}", "Tenant": "contoso.onmicrosoft.com", "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4" }`,
      `{ "Instance": "https://azureb2csample123.b2clogin.com/tfp/", "ClientId": "4596c5c9-49b2-456e-b3b2-6712705f086b", "Domain": "azureb2csample123.onmicrosoft.com" }`,
      az(`"Authority": "https://MSIDLABCIAM6.ciamlogin.com"`),
      az(`"Authority": "https://login.microsoftonline.com/10c419d4-4a50-45b2-aa4e-919fb84df24f/v2.0"`),
      az(`"Instance": "http://localhost:5000/", "TenantId": "common"`),
    ];
    for (const t of ok) assert.deepEqual(findings(t, 'config/instance'), [], t);
  });

  it('leaves prose placeholders to config/placeholder', () => {
    const text = az(`"Instance": "[Enter the right Azure AD authentication endpoints, e.g. for US Government https://login.microsoftonline.us]", "TenantId": "common"`);
    assert.deepEqual(findings(text, 'config/instance'), []);
    assert.equal(findings(text, 'config/placeholder').length, 1);
  });

  it('reports a tenant inside Instance when TenantId is also set, with a fix', () => {
    const text = az(`"Instance": "https://login.microsoftonline.com/contoso.onmicrosoft.com/", "TenantId": "contoso.onmicrosoft.com"`);
    const [f] = findings(text, 'config/instance');
    assert.equal(f!.severity, 'error');
    assert.match(f!.message, /already contains a tenant/);
    assert.ok(fixAndRecheck(text, 'config/instance').includes('"Instance": "https://login.microsoftonline.com/"'));
  });

  it('reports endpoint paths, missing scheme, http and template-escaped slashes', () => {
    const token = az(`"Instance": "https://login.microsoftonline.com/common/oauth2/v2.0/token", "TenantId": "common"`);
    assert.match(findings(token, 'config/instance')[0]!.message, /endpoint path/);
    fixAndRecheck(token, 'config/instance');
    assert.ok(fixAndRecheck(az(`"Instance": "login.microsoftonline.com", "TenantId": "common"`), 'config/instance').includes('"https://login.microsoftonline.com"'));
    assert.match(findings(az(`"Instance": "http://login.microsoftonline.com/", "TenantId": "common"`), 'config/instance')[0]!.message, /https only/);
    assert.ok(fixAndRecheck(az(`"Instance": "https:////login.microsoftonline.com/", "TenantId": "common"`), 'config/instance').includes('"https://login.microsoftonline.com/"'));
  });

  it('warns about hosts that are not Entra authorities and about the retired German cloud', () => {
    const [f] = findings(az(`"Instance": "https://test.com/", "TenantId": "common"`), 'config/instance');
    assert.equal(f!.severity, 'warning');
    assert.match(f!.message, /not a Microsoft Entra authority host/);
    assert.match(findings(az(`"Instance": "https://login.microsoftonline.de/", "TenantId": "common"`), 'config/instance')[0]!.message, /no longer work/);
  });

  it('reports Authority together with Instance/TenantId', () => {
    const text = az(`"Instance": "https://login.microsoftonline.com/", "TenantId": "common", "Authority": "https://login.microsoftonline.com/common/v2.0"`);
    const [f] = findings(text, 'config/instance');
    assert.match(f!.message, /conflict/);
    assert.equal(f!.related?.length, 2);
  });
});

describe('config/instance: the legacy {0} slot', () => {
  it('is fine in the flat legacy shape but not in a Microsoft.Identity.Web section', () => {
    const text = az(`"Instance": "https://login.microsoftonline.com/{0}", "TenantId": "contoso.onmicrosoft.com"`);
    const [f] = findings(text, 'config/instance');
    assert.equal(f!.severity, 'warning');
    assert.match(f!.message, /format slot/);
    assert.ok(fixAndRecheck(text, 'config/instance').includes('"Instance": "https://login.microsoftonline.com/"'));
  });
});
