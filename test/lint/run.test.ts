// runRules' materialising of rule findings: the dedupe (rule, offset, length, message; first one wins),
// the optional members of a finding and its fixes, and the order — checked against a plain version.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { modelFromText } from '../../src/core/config';
import type { Rule, RuleFinding } from '../../src/core/lint/rule';
import { runRules } from '../../src/core/lint/run';

const TEXT = '{\n  "a": "x",\r\n  "bb": [ "y", "é" ],\n\n  "c": 1\n}\n';
const model = modelFromText(TEXT);

const IDS = ['scope/empty', 'scope/whitespace', 'config/instance', 'json/syntax'] as const;
const MESSAGES = ['one', 'two', 'one '];

const ruleFinding: fc.Arbitrary<RuleFinding> = fc
  .record({
    ruleId: fc.constantFrom(...IDS),
    severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
    message: fc.constantFrom(...MESSAGES),
    offset: fc.integer({ min: 0, max: 12 }),
    length: fc.integer({ min: 0, max: 3 }),
    fix: fc.option(fc.record({ preferred: fc.boolean(), offset: fc.integer({ min: 0, max: TEXT.length }) }), { nil: undefined }),
    related: fc.boolean(),
  })
  .map(({ fix, related, ...f }) => {
    const out: RuleFinding = { ...f };
    if (fix) out.fixes = [{ title: `fix ${fix.offset}`, edits: [{ offset: fix.offset, length: 1, content: 'z' }], ...(fix.preferred ? { isPreferred: true } : {}) }];
    if (related) out.related = [{ file: '/w/other.json', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } }, message: 'there' }];
    return out;
  });

const rule = (found: RuleFinding[]): Rule => ({ ids: [...IDS], check: () => found });

/** The first of equal findings, in rule order, kept: what runRules reports, with no two equal findings left. */
function plainDedupe(rules: RuleFinding[][]): RuleFinding[] {
  const seen = new Set<string>();
  const out: RuleFinding[] = [];
  for (const f of rules.flat()) {
    const key = JSON.stringify([f.ruleId, f.offset, f.length, f.message]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

describe('runRules', () => {
  it('drops a finding equal to an earlier one (rule, offset, length, message) in any rule, and only those', () => {
    fc.assert(
      fc.property(fc.array(fc.array(ruleFinding, { maxLength: 12 }), { maxLength: 4 }), (perRule) => {
        const got = runRules(model, {}, perRule.map(rule));
        // The same findings without duplicates, through a path with nothing to drop.
        const expected = runRules(model, {}, [rule(plainDedupe(perRule))]);
        assert.equal(JSON.stringify(got), JSON.stringify(expected));
        assert.equal(got.length, plainDedupe(perRule).length);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes each finding in the contract key order, optional members only when present', () => {
    const found: RuleFinding[] = [
      { ruleId: 'scope/empty', severity: 'warning', message: 'm1', offset: 4, length: 3 },
      { ruleId: 'scope/empty', severity: 'error', message: 'm2', offset: 9, length: 1, fixes: [{ title: 't', edits: [{ offset: 9, length: 1, content: 'q' }], isPreferred: true }] },
      { ruleId: 'scope/empty', severity: 'info', message: 'm3', offset: 12, length: 2, fixes: [{ title: 'u', edits: [{ offset: 12, length: 0, content: '' }] }], related: [{ file: '/f', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'r' }] },
      { ruleId: 'scope/empty', severity: 'hint', message: 'm4', offset: 20, length: 0, related: [] },
    ];
    const got = runRules(model, { 'scope/empty': 'info' }, [rule(found)]);
    assert.deepEqual(
      got.map((f) => Object.keys(f)),
      [
        ['ruleId', 'severity', 'message', 'range', 'file', 'docs'],
        ['ruleId', 'severity', 'message', 'range', 'file', 'fixes', 'docs'],
        ['ruleId', 'severity', 'message', 'range', 'file', 'fixes', 'docs', 'related'],
        ['ruleId', 'severity', 'message', 'range', 'file', 'docs'],
      ],
    );
    assert.deepEqual(got.map((f) => f.severity), ['info', 'info', 'info', 'info']);
    assert.deepEqual(got[1]!.fixes, [{ title: 't', edits: [{ range: { start: { line: 1, character: 7 }, end: { line: 1, character: 8 } }, newText: 'q' }], isPreferred: true }]);
    assert.deepEqual(Object.keys(got[2]!.fixes![0]!), ['title', 'edits']);
    assert.deepEqual(got[2]!.related?.map((r) => r.message), ['r']);
    assert.equal(runRules(model, { 'scope/empty': 'off' }, [rule(found)]).length, 0);
  });
});
