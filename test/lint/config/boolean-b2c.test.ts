import * as assert from 'node:assert/strict';
import { fixAndRecheck, findings } from './helpers';

describe('config/boolean-string', () => {
  it('notes "true"/"false" strings (they bind) with a fix to a JSON boolean', () => {
    const text = `{ "MyWebApi": { "BaseUrl": "https://graph.microsoft.com/v1.0", "RequestAppToken": "true", "Scopes": ["https://graph.microsoft.com/.default"] } }`;
    const [f] = findings(text, 'config/boolean-string');
    assert.equal(f!.severity, 'info');
    assert.ok(fixAndRecheck(text, 'config/boolean-string').includes('"RequestAppToken": true,'));
  });

  it('reports values the binder cannot convert as errors', () => {
    const text = `{ "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "contoso.onmicrosoft.com", "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4", "SendX5C": "yes",
      "ClientCredentials": [ { "SourceType": "ClientSecret", "ClientSecret": "x", "Skip": 1 } ] } }`;
    const fs = findings(text, 'config/boolean-string');
    assert.deepEqual(fs.map((f) => f.severity), ['error', 'error']);
    assert.match(fs[0]!.message, /Failed to convert/);
  });

  it('ignores real booleans and keys outside our sections', () => {
    const text = `{ "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "contoso.onmicrosoft.com", "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4", "SendX5C": true }, "Feature": { "Skip": "yes" } }`;
    assert.deepEqual(findings(text, 'config/boolean-string'), []);
  });
});

describe('config/b2c-certificate', () => {
  const b2c = (creds: string, instance = 'https://fabrikamb2c.b2clogin.com') => `{ "AzureAdB2C": { "Instance": "${instance}", "ClientId": "fdb91ff5-5ce6-41f3-bdbd-8267c817015d", "Domain": "fabrikamb2c.onmicrosoft.com",
      "SignUpSignInPolicyId": "b2c_1_susi", "ClientCredentials": ${creds} } }`;

  it('warns that B2C accepts only client secrets (AADB2C99027)', () => {
    const fs = findings(b2c(`[ { "SourceType": "KeyVault", "KeyVaultUrl": "https://v.vault.azure.net", "KeyVaultCertificateName": "c" }, { "SourceType": "SignedAssertionFromManagedIdentity" } ]`), 'config/b2c-certificate');
    assert.equal(fs.length, 2);
    assert.match(fs[0]!.message, /AADB2C99027/);
    assert.equal(fs[0]!.severity, 'warning');
  });

  it('accepts secrets in B2C and certificates in Entra ID or External ID', () => {
    assert.deepEqual(findings(b2c(`[ { "SourceType": "ClientSecret", "ClientSecret": "x" } ]`), 'config/b2c-certificate'), []);
    const entra = `{ "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "contoso.onmicrosoft.com", "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4",
      "ClientCredentials": [ { "SourceType": "StoreWithDistinguishedName", "CertificateStorePath": "CurrentUser/My", "CertificateDistinguishedName": "CN=App" } ] } }`;
    assert.deepEqual(findings(entra, 'config/b2c-certificate'), []);
    const ciam = `{ "AzureAd": { "Authority": "https://contoso.ciamlogin.com/", "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4",
      "ClientCredentials": [ { "SourceType": "StoreWithDistinguishedName", "CertificateStorePath": "CurrentUser/My", "CertificateDistinguishedName": "CN=App" } ] } }`;
    assert.deepEqual(findings(ciam, 'config/b2c-certificate'), []);
  });
});
