// The rule catalogue, the rule modules and docs/rules.md must agree: every id a rule can emit is
// catalogued (the Problems panel links it) and documented with a bad and a good example.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_CATALOG, RULE_IDS, ruleDocsUrl } from '../../src/core/lint/catalog';
import { allRules } from '../../src/core/lint/run';

const DOCS = readFileSync(join(__dirname, '../../docs/rules.md'), 'utf8');

function section(id: string): string | undefined {
  const start = DOCS.indexOf(`\n## ${id}\n`);
  if (start < 0) return undefined;
  const next = DOCS.indexOf('\n## ', start + 1);
  return DOCS.slice(start, next < 0 ? undefined : next);
}

describe('rule catalogue and docs/rules.md', () => {
  it('has 22 rules, each claimed by exactly one rule module', () => {
    assert.equal(RULE_CATALOG.length, 22);
    // The linter reads the ids from rule-ids.ts (no titles): same ids, same order as the catalogue.
    assert.deepEqual([...RULE_IDS], RULE_CATALOG.map((r) => r.id));
    const claimed = allRules().flatMap((r) => [...r.ids]);
    assert.deepEqual([...claimed].sort(), [...RULE_IDS].sort());
  });

  for (const { id } of RULE_CATALOG) {
    it(`documents ${id} with why it matters, a bad and a good example`, () => {
      const text = section(id);
      assert.ok(text, `no '## ${id}' section`);
      assert.match(text, /Bad/);
      assert.match(text, /Good/);
      assert.ok(text.length > 300, 'too short to say why it matters');
    });
  }

  it('links each rule to its heading anchor as GitHub renders it', () => {
    assert.match(ruleDocsUrl('config/key-whitespace'), /docs\/rules\.md#configkey-whitespace$/);
    assert.match(ruleDocsUrl('json/syntax'), /#jsonsyntax$/);
  });
});
