import * as assert from 'node:assert/strict';
import {
  WELL_KNOWN_RESOURCES,
  cloudOfResource,
  defaultScopeOf,
  matchResourceIdentifier,
  resolveResource,
  resourceByAppId,
  resourceById,
  resourcesInCloud,
} from '../../src/core/knowledge/resources';

describe('knowledge/resources', () => {
  it('has unique ids and derives trailingSlash from the identifier', () => {
    const ids = new Set(WELL_KNOWN_RESOURCES.map((r) => r.id));
    assert.equal(ids.size, WELL_KNOWN_RESOURCES.length);
    for (const r of WELL_KNOWN_RESOURCES) {
      assert.equal(r.trailingSlash, r.identifier.endsWith('/'), r.id);
      if (r.trailingSlash) assert.ok(r.singleSlash, `${r.id} says how a single slash behaves`);
    }
  });

  it('lists the v1 resources whose identifier ends in a slash', () => {
    for (const id of ['azure-sql', 'azure-resource-manager', 'azure-service-management', 'azure-ad-graph', 'azure-sql@usgov', 'azure-sql@china']) {
      assert.equal(resourceById(id)?.trailingSlash, true, id);
    }
    assert.equal(resourceById('azure-sql')?.singleSlash, 'rejected');
    assert.equal(resourceById('azure-resource-manager')?.singleSlash, 'tolerated');
  });

  it('never gives Key Vault, Managed HSM, Graph or Storage a trailing slash', () => {
    for (const r of WELL_KNOWN_RESOURCES.filter((x) => /key-vault|managed-hsm|microsoft-graph|storage|oss-rdbms/.test(x.id))) {
      assert.equal(r.trailingSlash, false, r.id);
    }
    assert.equal(defaultScopeOf(resourceById('azure-key-vault')!), 'https://vault.azure.net/.default');
    assert.equal(defaultScopeOf(resourceById('azure-managed-hsm')!), 'https://managedhsm.azure.com/.default');
  });

  it('builds the double-slash default scope for trailing-slash resources', () => {
    assert.equal(defaultScopeOf(resourceById('azure-sql')!), 'https://database.windows.net//.default');
    assert.equal(defaultScopeOf(resourceById('azure-resource-manager')!), 'https://management.azure.com//.default');
  });

  it('matches identifiers case-insensitively and reports a differing trailing slash', () => {
    assert.deepEqual(
      { id: matchResourceIdentifier('https://database.windows.net/')?.resource.id, d: matchResourceIdentifier('https://database.windows.net/')?.slashDiffers },
      { id: 'azure-sql', d: false },
    );
    const single = matchResourceIdentifier('HTTPS://Database.Windows.Net');
    assert.equal(single?.resource.id, 'azure-sql');
    assert.equal(single?.matchedBy, 'identifier');
    assert.equal(single?.slashDiffers, true);
    assert.equal(matchResourceIdentifier('https://vault.azure.net')?.slashDiffers, false);
  });

  it('does not confuse the PostgreSQL/MySQL identifier with Azure SQL', () => {
    assert.equal(resolveResource('https://ossrdbms-aad.database.windows.net/.default')?.resource.id, 'azure-oss-rdbms');
    assert.equal(resolveResource('https://ossrdbms-aad.database.windows.net/.default')?.slashDiffers, false);
  });

  it('resolves scopes, GUID scopes, URLs and instance hosts', () => {
    assert.equal(resolveResource('https://database.windows.net//.default')?.slashDiffers, false);
    assert.equal(resolveResource('https://database.windows.net/.default')?.slashDiffers, true);
    assert.equal(resolveResource('https://graph.microsoft.com/User.Read.All')?.resource.id, 'microsoft-graph');
    assert.equal(resolveResource('00000003-0000-0000-c000-000000000000/.default')?.resource.id, 'microsoft-graph');
    assert.equal(resolveResource('00000003-0000-0000-C000-000000000000')?.matchedBy, 'app-id');
    const url = resolveResource('https://graph.microsoft.com/v1.0/users');
    assert.equal(url?.resource.id, 'microsoft-graph');
    assert.equal(url?.matchedBy, 'host');
    assert.equal(resolveResource('https://graph.microsoft.us/v1.0')?.resource.cloud, 'usgov');
    assert.equal(resolveResource('https://myvault.vault.azure.net/secrets/x')?.resource.id, 'azure-key-vault');
    assert.equal(resolveResource('https://myvault.vault.azure.net/')?.matchedBy, 'instance-host');
    assert.equal(resolveResource('https://myserver.database.windows.net')?.resource.id, 'azure-sql');
    assert.equal(resolveResource('https://analysis.windows.net/powerbi/api/.default')?.resource.id, 'power-bi');
  });

  it('returns undefined for own APIs and junk', () => {
    assert.equal(resolveResource('api://11111111-2222-3333-4444-555555555555/.default'), undefined);
    assert.equal(resolveResource('https://contoso.azurewebsites.net/.default'), undefined);
    assert.equal(resolveResource('6c1ac2b5-52b1-4f0b-9f8f-7b1b3a3e0e11/.default'), undefined);
    assert.equal(resolveResource(''), undefined);
    assert.equal(resolveResource('User.Read'), undefined);
  });

  it('looks resources up by app id and cloud', () => {
    assert.equal(resourceByAppId('022907D3-0F1B-48F7-BADC-1BA6ABAB6D66')?.id, 'azure-sql');
    assert.ok(resourcesInCloud('china').some((r) => r.id === 'azure-sql@china'));
    assert.ok(resourcesInCloud('china').every((r) => r.cloud === 'china'));
    assert.equal(cloudOfResource(resourceById('microsoft-graph@usgov')!).authorityHost, 'login.microsoftonline.us');
  });
});
