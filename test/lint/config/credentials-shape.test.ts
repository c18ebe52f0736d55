import * as assert from 'node:assert/strict';
import { modifiedTextIsValidJson } from './json-check';
import { modelFromText } from '../../../src/core/config';
import { runRules } from '../../../src/core/lint/run';
import { fixAndRecheck, findings, spanOf } from './helpers';

const ids = `"Instance": "https://login.microsoftonline.com/", "TenantId": "contoso.onmicrosoft.com", "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4"`;
const withCreds = (creds: string) => `{ "AzureAd": { ${ids}, "ClientCredentials": ${creds} } }`;

describe('config/credentials-shape', () => {
  it('wraps an object written where the array belongs, keeping its comments', () => {
    const text = `{
  "AzureAd": {
    ${ids},
    "ClientCredentials": {
      // the app's certificate
      "SourceType": "StoreWithThumbprint",
      "CertificateStorePath": "CurrentUser/My",
      "CertificateThumbprint": "51D8BA89C6570E54926BD9812C2E127BB8F862C7"
    }
  }
}`;
    const fs = findings(text, 'config/credentials-shape');
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.severity, 'error');
    assert.match(fs[0]!.message, /must be an array/);
    const fixed = fixAndRecheck(text, 'config/credentials-shape');
    assert.ok(fixed.includes('// the app\'s certificate'));
    assert.ok(modifiedTextIsValidJson(fixed));
    // idempotent: nothing left to fix
    assert.deepEqual(findings(fixed, 'config/credentials-shape'), []);
  });

  it('reports unknown SourceType with a did-you-mean fix, and accepts numeric SourceType', () => {
    const text = withCreds(`[ { "SourceType": "ClientSecrets", "ClientSecret": "x" } ]`);
    const [f] = findings(text, 'config/credentials-shape');
    assert.match(f!.message, /did you mean 'ClientSecret'/);
    fixAndRecheck(text, 'config/credentials-shape');
    assert.deepEqual(findings(withCreds(`[ { "SourceType": 6, "ClientSecret": "x" }, { "SourceType": "4", "CertificateStorePath": "LocalMachine/My", "CertificateThumbprint": "51D8BA89C6570E54926BD9812C2E127BB8F862C7" } ]`), 'config/credentials-shape'), []);
  });

  it('reports missing required keys per SourceType (entra-facts §6.2)', () => {
    const fs = findings(withCreds(`[ { "SourceType": "KeyVault", "KeyVaultUrl": "https://v.vault.azure.net" }, { "SourceType": "StoreWithDistinguishedName", "CertificateDistinguishedName": "CN=App" } ]`), 'config/credentials-shape');
    assert.equal(fs.length, 2);
    assert.match(fs[0]!.message, /missing 'KeyVaultCertificateName'.*IDW10109/);
    assert.match(fs[1]!.message, /missing 'CertificateStorePath'/);
  });

  it('accepts Container/ReferenceOrValue, Skip and the optional-only sources', () => {
    const text = withCreds(`[
      { "SourceType": "KeyVault", "Container": "https://v.vault.azure.net", "ReferenceOrValue": "cert" },
      { "SourceType": "SignedAssertionFromManagedIdentity", "ManagedIdentityClientId": "4b7a4b0b-ecb2-409e-879a-1e21a15ddaf6" },
      { "SourceType": "CustomSignedAssertion", "CustomSignedAssertionProviderName": "MyProvider", "CustomSignedAssertionProviderData": { "ConfigurationSection": "AzureAd2" } },
      { "SourceType": "Path", "Skip": true },
      { "SourceType": "StoreWithThumbprint", "CertificateStorePath": "CurrentUser/My", "CertificateThumbprint": "51D8BA89C6570E54926BD9812C2E127BB8F862C7", "UseBoundCredential": true } ]`);
    assert.deepEqual(findings(text, 'config/credentials-shape'), []);
  });

  it('reports a missing SourceType, a bad store path and a thumbprint with invisible characters', () => {
    const text = withCreds(`[ { "ClientSecret": "x" }, { "SourceType": "StoreWithThumbprint", "CertificateStorePath": "My", "CertificateThumbprint": "\u200e51 d8 ba 89 c6 57 0e 54 92 6b d9 81 2c 2e 12 7b b8 f8 62 c7" } ]`);
    const fs = findings(text, 'config/credentials-shape');
    assert.equal(fs.length, 3);
    assert.match(fs[0]!.message, /no SourceType.*"SourceType": "ClientSecret"/);
    assert.match(fs[1]!.message, /IDW10703/);
    assert.match(fs[2]!.message, /invisible/);
    const fix = fs[2]!.fixes![0]!;
    assert.equal(fix.edits[0]!.content, '"51D8BA89C6570E54926BD9812C2E127BB8F862C7"');
  });

  it('reports sources in the wrong container and empty entries', () => {
    const text = `{ "AzureAd": { ${ids}, "ClientCredentials": [ { "SourceType": "AutoDecryptKeys", "DecryptKeysAuthenticationOptions": {} } ],
      "TokenDecryptionCertificates": [ { "SourceType": "", "Container": "", "ReferenceOrValue": "" } ] } }`;
    const fs = findings(text, 'config/credentials-shape');
    assert.equal(fs.length, 2);
    assert.match(fs[0]!.message, /only decrypts tokens/);
    assert.equal(fs[1]!.severity, 'info');
  });

  it('says a top-level ClientSecret is ignored next to ClientCredentials', () => {
    const text = `{ "AzureAd": { ${ids}, "ClientSecret": "s", "ClientCredentials": [ { "SourceType": "StoreWithDistinguishedName", "CertificateStorePath": "CurrentUser/My", "CertificateDistinguishedName": "CN=App" } ] } }`;
    const [f] = findings(text, 'config/credentials-shape');
    assert.match(f!.message, /IDW10110/);
    assert.equal(spanOf(text, f!), '"ClientSecret"');
  });

  it('stays quiet on empty ClientCertificates and the legacy empty Certificate object', () => {
    assert.deepEqual(findings(`{ "AzureAd": { ${ids}, "ClientCertificates": [], "Certificate": {} } }`, 'config/credentials-shape'), []);
  });
});

describe('config/credentials-shape: secrets kept out of the file', () => {
  const daemon = `{ "AzureAd": { ${ids}, "ClientCredentials": [ { "SourceType": "ClientSecret" } ] } }`;

  it('is only an info naming user secrets and the environment variable when the ClientSecret value is absent', () => {
    const m = modelFromText(daemon, { code: { 'App.csproj': '<Project><PropertyGroup><UserSecretsId>abc-1</UserSecretsId></PropertyGroup></Project>' } });
    const fs = runRules(m).filter((f) => f.ruleId === 'config/credentials-shape');
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.severity, 'info');
    assert.match(fs[0]!.message, /UserSecretsId is 'abc-1'/);
    assert.match(fs[0]!.message, /AzureAd__ClientCredentials__0__ClientSecret/);
  });

  it('says nothing when an environment overlay supplies the secret', () => {
    const m = modelFromText(daemon, {
      siblings: { 'appsettings.Development.json': '{ "AzureAd": { "ClientCredentials": [ { "ClientSecret": "from-dev-overlay" } ] } }' },
    });
    assert.deepEqual(runRules(m).filter((f) => f.ruleId === 'config/credentials-shape'), []);
  });

  it('still reports a missing non-secret key as an error', () => {
    const fs = findings(withCreds(`[ { "SourceType": "Path" } ]`), 'config/credentials-shape');
    assert.equal(fs[0]!.severity, 'error');
    assert.match(fs[0]!.message, /missing 'CertificateDiskPath'/);
  });
});
