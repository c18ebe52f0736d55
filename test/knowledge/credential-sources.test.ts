import * as assert from 'node:assert/strict';
import { allowedCredentialKeys, checkStorePath, credentialSource, CREDENTIAL_SOURCES } from '../../src/core/knowledge/credential-sources';

describe('knowledge/credential-sources', () => {
  it('resolves names case-insensitively and numbers (JSON number or numeric string)', () => {
    assert.equal(credentialSource('ClientSecret')?.value, 6);
    assert.equal(credentialSource('storewiththumbprint')?.name, 'StoreWithThumbprint');
    assert.equal(credentialSource(1)?.name, 'KeyVault');
    assert.equal(credentialSource('7')?.name, 'SignedAssertionFromManagedIdentity');
    assert.equal(credentialSource('Secret'), undefined);
    assert.equal(credentialSource(99), undefined);
  });

  it('has the required keys of entra-facts §6.2', () => {
    assert.deepEqual(credentialSource('KeyVault')?.required, ['KeyVaultUrl', 'KeyVaultCertificateName']);
    assert.deepEqual(credentialSource('StoreWithDistinguishedName')?.required, ['CertificateStorePath', 'CertificateDistinguishedName']);
    assert.deepEqual(credentialSource('SignedAssertionFromManagedIdentity')?.required, []);
    assert.deepEqual(credentialSource('CustomSignedAssertion')?.required, ['CustomSignedAssertionProviderName']);
    assert.ok(allowedCredentialKeys(credentialSource('Path')!).includes('CertificatePassword'));
    assert.ok(allowedCredentialKeys(credentialSource('Path')!).includes('Skip'));
    const values = CREDENTIAL_SOURCES.map((s) => s.value);
    assert.equal(new Set(values).size, values.length);
  });

  it('checks certificate store paths like IDW10703', () => {
    assert.equal(checkStorePath('CurrentUser/My'), undefined);
    assert.equal(checkStorePath('localmachine/my'), undefined);
    assert.match(checkStorePath('My') ?? '', /StoreLocation\/StoreName/);
    assert.match(checkStorePath('User/My') ?? '', /CurrentUser/);
    assert.match(checkStorePath('CurrentUser/Mine') ?? '', /store name/);
  });
});
