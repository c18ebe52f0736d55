import * as assert from 'node:assert/strict';
import { modelFromText } from '../../src/core/config';
import { credentialFromConfig, requestFromConfig, TokenError } from '../../src/core/token';

const text = (o: unknown): string => JSON.stringify(o, null, 2);

describe('token: request from the configuration model', () => {
  it('reads Instance/TenantId/ClientId/SendX5C, the downstream API scopes, and plans credentials in Identity.Web order', async () => {
    const model = modelFromText(
      text({
        AzureAd: {
          Instance: 'https://login.microsoftonline.us/',
          TenantId: 'contoso.onmicrosoft.us',
          ClientId: '11111111-2222-3333-4444-555555555555',
          SendX5C: true,
          ClientSecret: 'legacy-ignored-because-ClientCredentials-exists',
          ClientCredentials: [
            { SourceType: 'KeyVault', KeyVaultUrl: 'https://kv.vault.usgovcloudapi.net', KeyVaultCertificateName: 'Cert' },
            { SourceType: 'ClientSecret', ClientSecret: 'from-config-entry' },
          ],
        },
        DownstreamApis: { Graph: { BaseUrl: 'https://graph.microsoft.us/v1.0', RequestAppToken: true, Scopes: ['https://graph.microsoft.us/.default'] } },
      }),
    );
    const req = requestFromConfig(model, { api: 'graph' });
    assert.deepEqual(req.authority, { instance: 'https://login.microsoftonline.us/', tenantId: 'contoso.onmicrosoft.us', authority: undefined });
    assert.equal(req.clientId, '11111111-2222-3333-4444-555555555555');
    assert.equal(req.sendX5C, true);
    assert.deepEqual(req.scopes, ['https://graph.microsoft.us/.default']);
    assert.equal(req.scopeFrom, 'Graph:Scopes');
    assert.deepEqual(req.credentials.map((c) => [c.keyPath, c.plan.kind]), [
      ['AzureAd:ClientCredentials:0', 'unusable'],
      ['AzureAd:ClientCredentials:1', 'secret'],
    ]);
    const loaded = await credentialFromConfig(req, { env: {} });
    assert.equal(loaded.credential.kind, 'secret');
    assert.equal(loaded.credential.source, 'appsettings.json (AzureAd:ClientCredentials:1:ClientSecret)');
    assert.ok(loaded.warnings.some((w) => /ClientCredentials:0 \(Certificate in Azure Key Vault\)/.test(w)));
    assert.ok(loaded.warnings.some((w) => /source control/.test(w)));
    // The .NET environment-variable form of the same key wins over the file.
    const fromEnv = await credentialFromConfig(req, { env: { AzureAd__ClientCredentials__1__ClientSecret: 'from-env' } });
    assert.equal(fromEnv.credential.kind === 'secret' && fromEnv.credential.secret, 'from-env');
  });

  it('explains when the only credential cannot be used here, and handles the legacy {0} shape', async () => {
    const model = modelFromText(
      text({ Instance: 'https://login.microsoftonline.com/{0}', Tenant: 'contoso.onmicrosoft.com', ClientId: '11111111-2222-3333-4444-555555555555', Certificate: { SourceType: 'StoreWithThumbprint', CertificateStorePath: 'CurrentUser/My', CertificateThumbprint: 'ABC' }, ApiUrl: 'https://graph.microsoft.com/' }),
    );
    const req = requestFromConfig(model);
    assert.equal(req.authority.instance, 'https://login.microsoftonline.com/{0}');
    assert.equal(req.authority.tenantId, 'contoso.onmicrosoft.com');
    await assert.rejects(credentialFromConfig(req, { env: {} }), (e: TokenError) => e.code === 'credential/unusable-storewiththumbprint' && /certificate store/.test(e.explanation));
  });

  it('names missing sections and APIs', () => {
    const model = modelFromText(text({ AzureAd: { Instance: 'https://login.microsoftonline.com/', TenantId: 't', ClientId: 'c' } }));
    assert.throws(() => requestFromConfig(model, { section: 'Nope' }), (e: TokenError) => e.code === 'config/no-section' && /AzureAd/.test(e.explanation));
    assert.throws(() => requestFromConfig(model, { api: 'Nope' }), (e: TokenError) => e.code === 'config/no-api');
  });
});
