// Runs every rule over a model and turns offset findings into the Finding contract.
import type { ConfigModel } from '../config/model';
import type { Finding, Fix, RelatedLocation, Severity } from '../findings';
import { ruleDocsUrl } from './catalog';
import type { Rule, RuleFinding } from './rule';
import { configRules } from './rules/config';
import { jsonRules } from './rules/json';
import { scopeRules } from './rules/scope';

export function allRules(): Rule[] {
  return [...jsonRules, ...configRules, ...scopeRules];
}

/**
 * Around a syntax error the recovered tree is a guess: a missing ']' makes the rest of the object look
 * like array elements, and a "keep only this scope" fix would then delete half the file, comments and
 * all. Fixes whose edits span a syntax error are withheld until the file parses there.
 */
function crossesSyntaxError(edits: readonly { offset: number; length: number }[], errorOffsets: number[]): boolean {
  return errorOffsets.length > 0 && edits.some((e) => errorOffsets.some((o) => o >= e.offset && o < e.offset + e.length));
}

export type SeverityOverrides = Record<string, Severity | 'off'>;


function related(own: RelatedLocation[] | undefined, extra: RelatedLocation | undefined): { related?: RelatedLocation[] } {
  const all = [...(own ?? []), ...(extra && !own?.some((r) => r.file === extra.file && r.message === extra.message) ? [extra] : [])];
  return all.length ? { related: all } : {};
}

/**
 * The evidence of the first scope list (in model order) whose property spans `offset`. A list per
 * finding was a scan of every list — quadratic on a large file when code makes every list app-only —
 * so the spans are sorted once and searched; a running maximum of span ends says when no earlier span
 * can reach the offset, which keeps the answer exact even for nested spans.
 */
function evidenceIndex(model: ConfigModel): (offset: number) => RelatedLocation | undefined {
  const spans = model.scopeLists
    .map((l, order) => ({ start: l.prop.keyNode.offset, end: l.prop.valueNode.offset + l.prop.valueNode.length, order, evidence: l.flow.evidence }))
    .filter((s) => s.evidence)
    .sort((a, b) => a.start - b.start || a.order - b.order);
  const maxEnd: number[] = [];
  for (const s of spans) maxEnd.push(Math.max(s.end, maxEnd[maxEnd.length - 1] ?? -1));
  return (offset) => {
    // Spans starting at or before the offset: [0, hi).
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid]!.start <= offset) lo = mid + 1;
      else hi = mid;
    }
    let best: (typeof spans)[number] | undefined;
    for (let k = lo - 1; k >= 0 && maxEnd[k]! >= offset; k--) {
      const s = spans[k]!;
      if (s.end >= offset && (!best || s.order < best.order)) best = s;
    }
    return best?.evidence;
  };
}

export function runRules(model: ConfigModel, overrides: SeverityOverrides = {}, rules: Rule[] = allRules()): Finding[] {
  const { doc } = model;
  const errorOffsets = doc.syntaxErrors.map((e) => e.offset);
  const out: Finding[] = [];
  const seen = new Set<string>();
  // Where code decided a list is app-only (e.g. GetForAppAsync("X") in Worker.cs), its findings link there.
  const evidence = evidenceIndex(model);
  const evidenceFor = (f: RuleFinding) => (f.ruleId.startsWith('scope/') ? evidence(f.offset) : undefined);
  for (const rule of rules) {
    let found: RuleFinding[];
    try {
      found = rule.check(model);
    } catch {
      // One faulty rule must not take the others (or the editor) down with it.
      continue;
    }
    for (const f of found) {
      const override = overrides[f.ruleId];
      if (override === 'off') continue;
      const key = `${f.ruleId}@${f.offset}:${f.length}:${f.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const fixes: Fix[] | undefined = f.fixes?.filter((fix) => !crossesSyntaxError(fix.edits, errorOffsets)).map((fix) => ({
          title: fix.title,
          edits: fix.edits.map((e) => ({ range: doc.lines.range(e.offset, e.length), newText: e.content })),
          ...(fix.isPreferred ? { isPreferred: true } : {}),
        }));
      out.push({
        ruleId: f.ruleId,
        severity: override ?? f.severity,
        message: f.message,
        range: doc.lines.range(f.offset, f.length),
        file: doc.path,
        ...(fixes && fixes.length ? { fixes } : {}),
        docs: ruleDocsUrl(f.ruleId),
        ...related(f.related, evidenceFor(f)),
      });
    }
  }
  return out.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId),
  );
}
