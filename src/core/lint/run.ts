// Runs every rule over a model and turns offset findings into the Finding contract.
import type { ConfigModel } from '../config/model';
import type { Finding, Fix, Range, RelatedLocation, Severity, TextEdit } from '../findings';
import type { LineIndex } from '../text';
import { RULE_IDS, ruleDocsUrl } from './rule-ids';
import type { Rule, RuleFinding, RuleFix } from './rule';
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

function withRelated(own: RelatedLocation[] | undefined, extra: RelatedLocation | undefined): RelatedLocation[] | undefined {
  if (!extra) return own?.length ? [...own] : undefined;
  if (own?.some((r) => r.file === extra.file && r.message === extra.message)) return own.length ? [...own] : undefined;
  return [...(own ?? []), extra];
}

/** Documentation links by rule id: the same few strings for every finding. */
const docsUrls = new Map<string, string>();
function docsUrl(ruleId: string): string {
  let url = docsUrls.get(ruleId);
  if (url === undefined) {
    url = ruleDocsUrl(ruleId);
    docsUrls.set(ruleId, url);
  }
  return url;
}

/**
 * Rule ids in localeCompare order, so sorting compares two numbers instead of collating two strings
 * per comparison. Built on first use in this process (localeCompare depends on the process's locale);
 * ids outside the catalog are still collated.
 */
let idRanks: Map<string, number> | undefined;
function ranks(): Map<string, number> {
  const sorted = [...RULE_IDS].sort((x, y) => x.localeCompare(y));
  const out = new Map<string, number>();
  sorted.forEach((id, i) => out.set(id, i > 0 && sorted[i - 1]!.localeCompare(id) === 0 ? out.get(sorted[i - 1]!)! : i));
  return out;
}
function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  idRanks ??= ranks();
  const ra = idRanks.get(a);
  const rb = idRanks.get(b);
  return ra !== undefined && rb !== undefined ? ra - rb : a.localeCompare(b);
}

/**
 * The evidence of the first scope list (in model order) whose property spans `offset`. A list per
 * finding was a scan of every list — quadratic on a large file when code makes every list app-only —
 * so the spans are sorted once and searched; a running maximum of span ends says when no earlier span
 * can reach the offset, which keeps the answer exact even for nested spans.
 */
function evidenceIndex(model: ConfigModel): ((offset: number) => RelatedLocation | undefined) | undefined {
  // Usually no list has evidence from code: then nothing is built.
  if (!model.scopeLists.some((l) => l.flow.evidence)) return undefined;
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

/** Whether the finding at index `i` of `out`, or one chained after it, is `f` again (same rule, length and message). */
function isKept(out: Finding[], lengths: number[], sameOffset: number[], i: number, f: RuleFinding): boolean {
  for (; i >= 0; i = sameOffset[i]!) {
    const g = out[i]!;
    if (g.ruleId === f.ruleId && lengths[i] === f.length && g.message === f.message) return true;
  }
  return false;
}

/** A rule's fixes with ranges for offsets; a fix whose edits span a syntax error is left out. */
function contractFixes(ruleFixes: RuleFix[], lines: LineIndex, errorOffsets: number[]): Fix[] | undefined {
  let fixes: Fix[] | undefined;
  for (let i = 0; i < ruleFixes.length; i++) {
    const fix = ruleFixes[i]!;
    if (crossesSyntaxError(fix.edits, errorOffsets)) continue;
    // Exactly sized and without a closure per fix (what edits.map would cost).
    const edits = new Array<TextEdit>(fix.edits.length);
    for (let k = 0; k < edits.length; k++) {
      const e = fix.edits[k]!;
      edits[k] = { range: lines.range(e.offset, e.length), newText: e.content };
    }
    const built: Fix = fix.isPreferred ? { title: fix.title, edits, isPreferred: true } : { title: fix.title, edits };
    // An array of one for the usual single fix (push would keep room for 16 or more in every finding).
    if (fixes) fixes.push(built);
    else fixes = [built];
  }
  return fixes;
}

/**
 * A finding in the contract's key order (the CLI prints JSON as it is), with and without fixes as one
 * literal each: a member added afterwards moves the object to a new map and gives it a separately
 * allocated property store (thousands of findings in a large file). Related locations are rare.
 */
function finding(ruleId: string, severity: Severity, message: string, range: Range, file: string, fixes: Fix[] | undefined, docs: string, related: RelatedLocation[] | undefined): Finding {
  const f: Finding = fixes ? { ruleId, severity, message, range, file, fixes, docs } : { ruleId, severity, message, range, file, docs };
  if (related) f.related = related;
  return f;
}

export function runRules(model: ConfigModel, overrides: SeverityOverrides = {}, rules: Rule[] = allRules()): Finding[] {
  const { doc } = model;
  const errorOffsets = doc.syntaxErrors.map((e) => e.offset);
  const out: Finding[] = [];
  // Dedupe by rule, offset, length and message: indexed by offset, so a message is only compared
  // (and a long concatenated one flattened) when another finding starts at the same offset. The map
  // holds the index in `out` of the first finding at an offset, `sameOffset` chains the others, and
  // `lengths` the rule finding's length: numbers, no object kept per finding until the run ends.
  const seen = new Map<number, number>();
  const lengths: number[] = [];
  const sameOffset: number[] = [];
  // Where code decided a list is app-only (e.g. GetForAppAsync("X") in Worker.cs), its findings link there.
  const evidence = evidenceIndex(model);
  for (const rule of rules) {
    let found: RuleFinding[];
    try {
      found = rule.check(model);
    } catch {
      // One faulty rule must not take the others (or the editor) down with it.
      continue;
    }
    // Indexed loops: an iterator (and its result objects) per rule and finding is garbage a large file's lint makes thousands of.
    for (let i = 0; i < found.length; i++) {
      const f = found[i]!;
      const override = overrides[f.ruleId];
      if (override === 'off') continue;
      const first = seen.get(f.offset);
      if (first !== undefined && isKept(out, lengths, sameOffset, first, f)) continue;
      seen.set(f.offset, out.length);
      lengths.push(f.length);
      sameOffset.push(first ?? -1);
      const fixes = f.fixes ? contractFixes(f.fixes, doc.lines, errorOffsets) : undefined;
      const related = withRelated(f.related, evidence && f.ruleId.startsWith('scope/') ? evidence(f.offset) : undefined);
      out.push(finding(f.ruleId, override ?? f.severity, f.message, doc.lines.range(f.offset, f.length), doc.path, fixes, docsUrl(f.ruleId), related));
    }
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || compareIds(a.ruleId, b.ruleId));
}
