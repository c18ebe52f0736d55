import * as assert from 'node:assert/strict';
import { CLOUDS } from '../../src/core/knowledge/clouds';
import { CREDENTIAL_SOURCES } from '../../src/core/knowledge/credential-sources';
import { knownKeys, misplacedKey } from '../../src/core/knowledge/known-keys';
import { WELL_KNOWN_RESOURCES } from '../../src/core/knowledge/resources';
import { rows, words } from '../../src/core/knowledge/table';

describe('knowledge/table: the tables written as text', () => {
  it('words splits on any whitespace and gives nothing for blank text', () => {
    assert.deepEqual(words('\n a  b\n\tc \n'), ['a', 'b', 'c']);
    assert.deepEqual(words(''), []);
    assert.deepEqual(words(' \n '), []);
  });

  it('rows skips blank lines, keeps empty and trailing fields as written, and refuses a row that is too wide', () => {
    assert.deepEqual(rows('\na|b||d\n\n  \ne\n', 4), [['a', 'b', '', 'd'], ['e']]);
    assert.throws(() => rows('a|b|c\n', 2), /table row with 3 fields \(at most 2\): a\|b\|c/);
  });

  it('the parsed tables hold only values of their types (a shifted column would show here)', () => {
    const clouds = new Set(CLOUDS.map((c) => c.id));
    assert.deepEqual([...clouds], ['public', 'usgov', 'china', 'germany', 'bleu', 'delos', 'govsg', 'ppe']);
    for (const c of CLOUDS) {
      for (const h of [c.authorityHost, ...c.authorityAliases, ...c.graphHosts, ...c.resourceHostSuffixes]) assert.match(h, /^[a-z0-9-]+(\.[a-z0-9-]+)+$/, c.id);
      if (c.portalHost) assert.match(c.portalHost, /^portal\./, c.id);
    }
    assert.deepEqual(CLOUDS.filter((c) => c.retired).map((c) => c.id), ['germany']);
    assert.deepEqual(CLOUDS.filter((c) => c.internal).map((c) => c.id), ['ppe']);
    for (const r of WELL_KNOWN_RESOURCES) {
      assert.ok(clouds.has(r.cloud), r.id);
      assert.match(r.identifier, /^(https:\/\/[a-z0-9.-]+(\/[a-z/]*)?|[0-9a-f-]{36})$/, r.id);
      assert.ok(r.singleSlash === undefined || ['rejected', 'tolerated', 'unverified'].includes(r.singleSlash), r.id);
      if (r.appId) assert.match(r.appId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, r.id);
      for (const h of r.instanceHostSuffixes ?? []) assert.match(h, /^[a-z0-9-]+(\.[a-z0-9-]+)+$/, r.id);
      assert.equal(r.tokenVersion, 1);
    }
    CREDENTIAL_SOURCES.forEach((s, i) => {
      assert.equal(s.value, i, s.name);
      assert.ok(['secret', 'certificate', 'signed-assertion', 'decrypt-keys', 'code-only'].includes(s.kind), s.name);
      for (const k of [...s.required, ...s.optional]) assert.ok(knownKeys('credential').includes(k), `${s.name}: ${k}`);
    });
    assert.deepEqual(misplacedKey('identity', 'CertificateDiskPath'), { belongs: 'an entry of the ClientCredentials array', kind: 'credential' });
    assert.deepEqual(misplacedKey('acquire-token-options', 'BaseUrl'), { belongs: 'the downstream API section itself', kind: 'downstream-api' });
  });
});
