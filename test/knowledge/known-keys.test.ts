import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalKey, editDistance, isKnownKey, knownKeys, legacyAlias, misplacedKey, suggestKey } from '../../src/core/knowledge/known-keys';
import { isSuspectKey } from '../../src/core/lint/doc-index';

describe('knowledge/known-keys', () => {
  it('computes edit distance with transpositions, case-insensitively', () => {
    assert.equal(editDistance('Scepes', 'Scopes'), 1);
    assert.equal(editDistance('AquireTokenOptions', 'AcquireTokenOptions'), 1);
    assert.equal(editDistance('CleintId', 'ClientId'), 1);
    assert.equal(editDistance('ClientID', 'clientid'), 0);
    assert.equal(editDistance('abc', ''), 3);
    assert.ok(editDistance('CallbackPath', 'TenantId', 2) > 2);
  });

  it('knows keys case-insensitively, including those of libraries that share the section', () => {
    assert.ok(isKnownKey('identity', 'ClientID'));
    assert.ok(isKnownKey('identity', 'SendX5c'));
    assert.ok(isKnownKey('identity', 'CallbackPath'));
    assert.ok(isKnownKey('identity', 'ValidateAuthority'));
    assert.ok(isKnownKey('downstream-api', 'RequestAppToken'));
    assert.ok(isKnownKey('acquire-token-options', 'ManagedIdentity'));
    assert.ok(isKnownKey('credential', 'Skip'));
    assert.ok(!isKnownKey('identity', 'ClientId '));
    assert.equal(canonicalKey('identity', 'sendx5c'), 'SendX5C');
  });

  it('suggests the key a typo means', () => {
    assert.equal(suggestKey('identity', 'Scepes')?.key, 'Scopes');
    assert.equal(suggestKey('downstream-api', 'AquireTokenOptions')?.key, 'AcquireTokenOptions');
    assert.equal(suggestKey('downstream-api', 'Scope')?.key, 'Scopes');
    assert.equal(suggestKey('downstream-api', 'RequestAppTokens')?.key, 'RequestAppToken');
    assert.equal(suggestKey('identity', 'Client Id')?.key, 'ClientId');
    assert.equal(suggestKey('identity', 'client_id')?.key, 'ClientId');
    assert.equal(suggestKey('identity', 'TenentId')?.key, 'TenantId');
    assert.equal(suggestKey('managed-identity', 'UserAsignedClientId')?.key, 'UserAssignedClientId');
    assert.equal(suggestKey('credential', 'CertificateThumbPrnt')?.key, 'CertificateThumbprint');
  });

  it('never suggests for known keys, custom keys or keys far from ours', () => {
    assert.equal(suggestKey('identity', 'ClientId'), undefined);
    assert.equal(suggestKey('identity', 'CallbackPath'), undefined);
    assert.equal(suggestKey('identity', 'AllowedHosts'), undefined);
    assert.equal(suggestKey('identity', 'Endpoint'), undefined);
    assert.equal(suggestKey('identity', 'StaticScope'), undefined);
    assert.equal(suggestKey('downstream-api', 'UserFlow'), undefined);
    assert.equal(suggestKey('downstream-api', 'Foo'), undefined);
    // as close to an OpenIdConnect option as to ours: not ours to judge
    assert.equal(suggestKey('identity', 'Scop'), undefined);
  });

  it('knows where misplaced keys belong, and legacy aliases', () => {
    assert.equal(misplacedKey('identity', 'RequestAppToken')?.kind, 'downstream-api');
    assert.equal(misplacedKey('downstream-api', 'ManagedIdentity')?.kind, 'acquire-token-options');
    assert.equal(misplacedKey('acquire-token-options', 'UserAssignedClientId')?.kind, 'managed-identity');
    assert.equal(misplacedKey('identity', 'ClientId'), undefined);
    assert.equal(legacyAlias('downstream-api', 'CalledApiScopes'), 'Scopes');
    assert.equal(legacyAlias('identity', 'CalledApiScopes'), undefined);
  });

  it('never knows a key with stray whitespace or an invisible character (config/unknown-key asks isKnownKey alone)', () => {
    const kinds = ['identity', 'downstream-api', 'acquire-token-options', 'managed-identity', 'credential', 'legacy-root'] as const;
    const all = kinds.flatMap((k) => [...knownKeys(k)]).concat(['CallbackPath', 'SignedOutCallbackPath', 'ApiUrl', 'Scope']);
    for (const k of all) assert.match(k, /^[A-Za-z0-9]+$/);
    const odd = ['', ' ', '\t', '\n', '\u00a0', '\u200b', '\u200e', '\u2028', '\u202f', '\u2060', '\ufeff', '\u212a', '\u0130', '\u017f', 'x'];
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.constantFrom(...all), fc.constantFrom(...odd), fc.nat(), fc.constantFrom(...odd), fc.boolean(), (kind, key, a, at, b, upper) => {
        const i = at % (key.length + 1);
        const k = (upper ? key.toUpperCase() : key).slice(0, i) + a + key.slice(i) + b;
        if (isKnownKey(kind, k)) assert.equal(isSuspectKey(k), false, JSON.stringify(k));
      }),
      { numRuns: 20000 },
    );
  });
});

