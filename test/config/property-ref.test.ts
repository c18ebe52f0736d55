// PropertyRefs read their key and object from the key node: key, nodes and path must be what the tree
// says (getNodePath of the value) on valid and broken texts, through propertiesOf, getProp and propertyMap.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { getNodePath, type Node } from 'jsonc-parser';
import { getProp, parseDocument, propertiesOf, propertyMap } from '../../src/core/config';

function objectsOf(node: Node | undefined, out: Node[] = []): Node[] {
  if (!node) return out;
  if (node.type === 'object') out.push(node);
  for (const c of node.children ?? []) objectsOf(c, out);
  return out;
}

const KEYS = ['a', 'A', 'Scopes', 'k\\"q', 'é', 'x y ', ''];
const value: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('1', '"s"', 'null', ''),
    fc.array(tie('v'), { maxLength: 3 }).map((xs) => `[${xs.join(',')}]`),
    fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('v')), { maxLength: 4 }).map((ps) => `{${ps.map(([k, v]) => `"${k}": ${v}`).join(',')}}`),
  ),
})).v;

describe('config/json PropertyRef', () => {
  it('has the key, nodes and path of the tree on valid and broken texts', () => {
    let refs = 0;
    fc.assert(
      fc.property(value, (text) => {
        const doc = parseDocument('/w/appsettings.json', text);
        for (const obj of objectsOf(doc.root)) {
          for (const r of propertiesOf(doc, obj)) {
            refs++;
            assert.equal(r.key, r.keyNode.value);
            assert.equal(r.keyNode.parent!.children![1], r.valueNode);
            assert.equal(r.doc, doc);
            assert.deepEqual(r.path, getNodePath(r.valueNode), text);
            const found = getProp(doc, obj, r.key)!;
            assert.equal(found.key.toLowerCase(), r.key.toLowerCase());
            assert.deepEqual(found.path, getNodePath(found.valueNode));
            assert.equal(propertyMap(doc, obj).get(r.key.toLowerCase())!.key.toLowerCase(), r.key.toLowerCase());
          }
        }
      }),
      { numRuns: 1500 },
    );
    assert.ok(refs > 1000, `${refs} refs checked`);
  });
});
