import fc from 'fast-check';
import * as assert from 'node:assert/strict';
import { LowerKeySet } from '../../src/core/knowledge/key-set';

describe('knowledge/key-set LowerKeySet', () => {
  it('answers set.has(key.toLowerCase()) for keys given in any case, written as given or not (random keys)', () => {
    const given = ['SendX5C', 'Scopes', 'SCOPES', 'scopeS', 'Kelvin', 'Is', 'a-Z_5', 'RequestAppToken', 'requestapptoken', 'BaseUrl'];
    const set = new LowerKeySet(given);
    const lower = new Set(given.map((k) => k.toLowerCase()));
    assert.deepEqual([...set.set].sort(), [...lower].sort());
    const chars = ['a', 'A', 'e', 'E', 's', 'S', 'c', 'C', 'o', 'p', 'P', 'k', 'K', 'i', 'I', 'n', '-', '_', '5', 'X', 'x', ' ', '\u00a0', 'İ', 'ı', '\u212A', 'ſ', 'é'];
    const key = fc.oneof(
      fc.constantFrom(...given),
      fc.constantFrom(...given).map((k) => ` ${k}`),
      fc.array(fc.constantFrom(...chars), { maxLength: 8 }).map((a) => a.join('')),
      fc.tuple(fc.constantFrom(...given), fc.nat(), fc.constantFrom(...chars)).map(([k, i, c]) => k.slice(0, i % (k.length + 1)) + c + k.slice((i % (k.length + 1)) + 1)),
    );
    fc.assert(
      fc.property(key, (k) => {
        assert.equal(set.has(k), lower.has(k.toLowerCase()), JSON.stringify(k));
        assert.equal(set.hasTrimmed(k), lower.has(k.trim().toLowerCase()), JSON.stringify(k));
      }),
      { numRuns: 20000 },
    );
    for (const k of given) assert.ok(set.has(k), k);
    for (const k of ['scopes', 'sCOPES', 'ſcopes', 'Scope', 'Scopes ', 'requestAppToken', '\u212Aelvin']) assert.equal(set.has(k), lower.has(k.toLowerCase()), k);
  });
});
