// Property test: the config/* rules never throw on arbitrary configuration shapes, their offsets
// stay inside the text, and every fix leaves syntactically valid JSONC that no longer has that finding.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { lint, applyFix } from './helpers';
import { modifiedTextIsValidJson } from './json-check';

const KEYS = [
  'AzureAd', 'AzureAdB2C', 'DownstreamApis', 'DownstreamApi', 'MyWebApi', 'Instance', 'TenantId', 'Tenant', 'ClientId', 'Authority',
  'ClientSecret', 'ClientCredentials', 'ClientCertificates', 'TokenDecryptionCredentials', 'SourceType', 'CertificateStorePath',
  'CertificateThumbprint', 'KeyVaultUrl', 'KeyVaultCertificateName', 'Scopes', 'Scepes', 'BaseUrl', 'RequestAppToken',
  'AcquireTokenOptions', 'AquireTokenOptions', 'ManagedIdentity', 'UserAssignedClientId ', 'SendX5C', 'Skip', 'CallbackPath',
  'TodoListScope', 'ApiUrl', 'Certificate', 'AppHomeTenantId', ' Domain', 'Client\u200bId', 'x',
];
const STRINGS = [
  '', ' ', 'common', 'organizations', 'true', 'yes', 'https://login.microsoftonline.com/', 'https://login.microsoftonline.us/',
  'https://login.microsoftonline.com/{0}', 'https:////login.microsoftonline.com/', 'login.microsoftonline.com', 'http://x/',
  'https://graph.microsoft.com/.default', 'https://graph.microsoft.us/v1.0', 'api://[Enter_client_ID_service]/.default',
  '[Enter here the ClientId for your application]', 'Enter_the_Tenant_Id_Here', '<VaultUri>', 'a599ce88-0a5f-4a6e-beca-e67d3fc427f4',
  '{a599ce88-0a5f-4a6e-beca-e67d3fc427f4}', '11111111-1111-1111-11111111111111111', 'ClientSecrets', 'StoreWithThumbprint', 'KeyVault',
  'My', 'CurrentUser/My', 'user.read openid', 'secret', 'esc"aped\\path', 'https://fabrikam.b2clogin.com/tfp/',
];

type J = null | boolean | number | string | J[] | { [k: string]: J };
const { tree } = fc.letrec<{ tree: J; obj: J }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...STRINGS),
    fc.constantFrom(null, true, false, 0, 1, 6),
    fc.array(tie('tree'), { maxLength: 3 }),
    tie('obj'),
  ),
  obj: fc.dictionary(fc.constantFrom(...KEYS), tie('tree'), { maxKeys: 5 }),
}));

describe('config/* rules: robustness', () => {
  it('never throw, stay in range, and every fix yields valid JSONC without that finding', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...KEYS), tree, { maxKeys: 6 }), fc.boolean(), (root, pretty) => {
        const text = JSON.stringify(root, null, pretty ? 2 : undefined);
        if (!modifiedTextIsValidJson(text)) return;
        const found = lint(text);
        for (const f of found) {
          assert.ok(f.offset >= 0 && f.length >= 0 && f.offset + f.length <= text.length, `${f.ruleId} out of range`);
          for (const fix of f.fixes ?? []) {
            for (const e of fix.edits) assert.ok(e.offset >= 0 && e.offset + e.length <= text.length);
            const fixed = applyFix(text, fix);
            assert.ok(modifiedTextIsValidJson(fixed), `${f.ruleId} fix broke the JSON: ${fixed}`);
            const same = lint(fixed).filter((g) => g.ruleId === f.ruleId && g.message === f.message);
            assert.ok(same.length < found.filter((g) => g.ruleId === f.ruleId && g.message === f.message).length, `${f.ruleId} fix did not remove the finding`);
          }
        }
      }),
      { numRuns: 400, seed: 20261125 },
    );
  });

  it('copes with documents that are not objects or do not parse', () => {
    for (const text of ['', '[]', '"AzureAd"', '42', '{ "AzureAd": ', '{ "AzureAd": { "ClientId": } }', '{ "AzureAd": [ { "ClientId": "x" } ] }', '{ "AzureAd": { "ClientCredentials": "x" } }']) {
      assert.doesNotThrow(() => lint(text), text);
    }
    assert.equal(lint('{ "AzureAd": { "ClientCredentials": "x", "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4", "TenantId": "common" } }').filter((f) => f.ruleId === 'config/credentials-shape').length, 1);
  });
});
