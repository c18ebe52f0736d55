import * as assert from 'node:assert/strict';
import { fixAndRecheck, findings } from './helpers';

const wrap = (props: string) => `{ "AzureAd": { "Instance": "https://login.microsoftonline.com/", ${props} } }`;

describe('config/invalid-guid', () => {
  it('explains a malformed GUID such as the template ClientId with a 17-digit group', () => {
    const [f] = findings(wrap(`"TenantId": "contoso.onmicrosoft.com", "ClientId": "11111111-1111-1111-11111111111111111"`), 'config/invalid-guid');
    assert.equal(f!.severity, 'error');
    assert.match(f!.message, /4 groups instead of 5/);
    assert.match(f!.message, /AADSTS700016/);
  });

  it('names wrong group lengths and non-hex characters', () => {
    const [f] = findings(wrap(`"TenantId": "da41245a5-11b3-996c-00a8-4d99re19f292", "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4"`), 'config/invalid-guid');
    assert.match(f!.message, /group 1 has 9 characters instead of 8/);
    assert.match(f!.message, /'r'/);
    assert.match(f!.message, /AADSTS90002/);
  });

  it('flags non-GUID client IDs and tenants that are neither GUID nor domain', () => {
    const fs = findings(wrap(`"TenantId": "test", "ClientId": "test"`), 'config/invalid-guid');
    assert.equal(fs.length, 2);
    assert.ok(fs.some((f) => /'AzureAd:TenantId' is neither a tenant GUID nor a domain/.test(f.message)));
    assert.ok(fs.some((f) => /'AzureAd:ClientId' must be the Application \(client\) ID/.test(f.message)));
    const [uri] = findings(wrap(`"TenantId": "common", "ClientId": "api://a599ce88-0a5f-4a6e-beca-e67d3fc427f4"`), 'config/invalid-guid');
    assert.match(uri!.message, /Application ID URI/);
  });

  it('accepts GUIDs, domains and meta tenants, and leaves placeholders to config/placeholder', () => {
    for (const t of ['10c419d4-4a50-45b2-aa4e-919fb84df24f', 'contoso.onmicrosoft.com', 'common', 'organizations', 'Enter_the_Tenant_Id_Here', '']) {
      assert.deepEqual(findings(wrap(`"TenantId": ${JSON.stringify(t)}, "ClientId": "A599CE88-0A5F-4A6E-BECA-E67D3FC427F4"`), 'config/invalid-guid'), [], t);
    }
    assert.deepEqual(findings(wrap(`"TenantId": "common", "ClientId": "[Enter the Client Id, e.g. ba74781c2-53c2-442a-97c2-3d60re42f403]"`), 'config/invalid-guid'), []);
  });

  it('fixes braces and surrounding whitespace', () => {
    const braces = wrap(`"TenantId": "common", "ClientId": "{a599ce88-0a5f-4a6e-beca-e67d3fc427f4}"`);
    assert.ok(fixAndRecheck(braces, 'config/invalid-guid').includes('"ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4"'));
    const spaced = wrap(`"TenantId": " 10c419d4-4a50-45b2-aa4e-919fb84df24f", "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4"`);
    assert.ok(fixAndRecheck(spaced, 'config/invalid-guid').includes('"TenantId": "10c419d4'));
  });

  it('checks managed identity client IDs only when they look like GUID attempts', () => {
    const text = `{ "Api": { "BaseUrl": "https://x.vault.azure.net/", "RequestAppToken": true, "Scopes": ["https://vault.azure.net/.default"],
      "AcquireTokenOptions": { "ManagedIdentity": { "UserAssignedClientId": "4b7a4b0b-ecb2-409e-879a-1e21a15ddaf" } } } }`;
    assert.equal(findings(text, 'config/invalid-guid').length, 1);
  });
});

describe('config/invalid-guid in custom sections', () => {
  it('is only a warning for a non-GUID value in a section found by its shape', () => {
    const [f] = findings(`{ "Swagger": { "ClientId": "swagger-ui", "TenantId": "contoso.onmicrosoft.com" } }`, 'config/invalid-guid');
    assert.equal(f!.severity, 'warning');
    const [g] = findings(`{ "Swagger": { "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f", "TenantId": "contoso.onmicrosoft.com" } }`, 'config/invalid-guid');
    assert.equal(g!.severity, 'error');
  });
});
