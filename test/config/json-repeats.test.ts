// repeatsKey (one memoised answer per object, from a dropped set or an existing keyIndex) against the
// straightforward definition: fewer distinct lower-cased keys than valid properties.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Node } from 'jsonc-parser';
import { parseDocument } from '../../src/core/config';
import { isValidProperty, keyIndex, repeatsKey } from '../../src/core/config/json';

function plainRepeats(obj: Node): boolean {
  const keys = (obj.children ?? []).filter(isValidProperty).map((p) => (p.children![0]!.value as string).toLowerCase());
  return new Set(keys).size < keys.length;
}

function objectsOf(node: Node | undefined, out: Node[] = []): Node[] {
  if (!node) return out;
  if (node.type === 'object') out.push(node);
  for (const c of node.children ?? []) objectsOf(c, out);
  return out;
}

// Keys that differ only in case (ASCII and not), whitespace, the Kelvin sign and dotted capital I.
const KEYS = ['a', 'A', 'Api0', 'API0', 'api0 ', 'é', 'É', 'K', '\u212a', 'k', 'İ', 'i\u0307', 'i', '', 'Scopes', 'scopes'];
const member = fc.oneof(
  fc.constantFrom(...KEYS).map((k) => `${JSON.stringify(k)}: 1`),
  fc.constantFrom(...KEYS).map((k) => `${JSON.stringify(k)}: {${JSON.stringify(k)}: [], "x": 2}`),
  fc.constantFrom('"b":', '"c" 1', ': 3', '/* c */ "d": null'),
);
const objectText = fc.array(member, { maxLength: 40 }).map((ms) => `{${ms.join(', ')}}`);

describe('config/json repeatsKey', () => {
  it('answers as the lower-cased key count does, with and without a keyIndex built first, on valid and broken objects', () => {
    fc.assert(
      fc.property(objectText, fc.boolean(), (text, indexFirst) => {
        const doc = parseDocument('/w/appsettings.json', text);
        for (const obj of objectsOf(doc.root)) {
          if (indexFirst) keyIndex(doc, obj);
          const want = plainRepeats(obj);
          assert.equal(repeatsKey(doc, obj), want, text);
          assert.equal(repeatsKey(doc, obj), want, `memoised: ${text}`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a repeat among 20,000 keys and none when all differ', () => {
    const keys = Array.from({ length: 20000 }, (_, i) => `"Api${i}": {}`);
    const clean = parseDocument('/w/appsettings.json', `{${keys.join(',')}}`);
    assert.equal(repeatsKey(clean, clean.root!), false);
    const repeated = parseDocument('/w/appsettings.json', `{${keys.join(',')}, "API19999": 1}`);
    assert.equal(repeatsKey(repeated, repeated.root!), true);
  });
});
