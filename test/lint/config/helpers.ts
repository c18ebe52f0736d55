// Test helpers for the config/* rules: lint a text through the real model, apply a fix.
import * as assert from 'node:assert/strict';
import { modelFromText } from '../../../src/core/config/index';
import { configRules } from '../../../src/core/lint/rules/config/index';
import type { RuleFinding, RuleFix } from '../../../src/core/lint/rule';

export type Options = Parameters<typeof modelFromText>[1];

export function lint(text: string, options?: Options): RuleFinding[] {
  const model = modelFromText(text, options);
  return configRules.flatMap((r) => r.check(model));
}

export function findings(text: string, ruleId: string, options?: Options): RuleFinding[] {
  return lint(text, options).filter((f) => f.ruleId === ruleId);
}

/** The text a finding points at. */
export function spanOf(text: string, f: RuleFinding): string {
  return text.slice(f.offset, f.offset + f.length);
}

export function applyFix(text: string, fix: RuleFix): string {
  const edits = [...fix.edits].sort((a, b) => b.offset - a.offset);
  let out = text;
  for (const e of edits) out = out.slice(0, e.offset) + e.content + out.slice(e.offset + e.length);
  return out;
}

/** Applies the first fix of the only finding of `ruleId`, checks the finding is gone and the fix idempotent. */
export function fixAndRecheck(text: string, ruleId: string, options?: Options): string {
  const fs = findings(text, ruleId, options);
  assert.equal(fs.length, 1, `expected one ${ruleId} finding, got ${fs.map((f) => f.message).join(' | ')}`);
  const fix = fs[0]!.fixes?.[0];
  assert.ok(fix, 'expected a fix');
  const fixed = applyFix(text, fix);
  assert.deepEqual(findings(fixed, ruleId, options), [], 'the finding must be gone after the fix');
  return fixed;
}
