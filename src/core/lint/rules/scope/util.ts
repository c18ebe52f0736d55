// Shared helpers of the scope/* rules: which scopes of a list are real (not placeholders), the
// flow-based severity and wording, and edits that rewrite a list while keeping its formatting.
import type { Node } from 'jsonc-parser';
import { applyEdits, createScanner, modify, type SyntaxKind } from 'jsonc-parser';
import type { Severity } from '../../../findings';
import type { ConfigModel, ScopeItem, ScopeList } from '../../../config/model';
import { stringValue } from '../../../config/json';
import { cloudForAuthorityHost, graphOrigin } from '../../../knowledge/clouds';
import { findPlaceholders } from '../../../knowledge/placeholders';
import { Memo } from '../../../memo';
import { hasPlaceholderAt } from '../../doc-index';
import { parseScope, type ParsedScope } from '../../../scope';
import type { RuleFix } from '../../rule';

export interface LiveScope {
  item: ScopeItem;
  parsed: ParsedScope;
}

/**
 * The scopes of a list worth judging: placeholders (`[Enter here the scopes …]`,
 * `api://[Enter_client_ID]/.default`) are config/placeholder's business and are skipped here.
 * In a space-separated string, one placeholder with spaces spans several items, so such a
 * string is skipped whole.
 */
export function liveScopes(list: ScopeList): LiveScope[] {
  const whole = list.form === 'string' ? stringValue(list.prop.valueNode) ?? '' : '';
  if (list.form === 'string' && findPlaceholders(whole).length) return [];
  const items = list.items;
  // Usually one scope: an array of exactly one (kept with the model; push would keep room for 16 or more).
  if (items.length === 1) return hasPlaceholderAt(list.doc, items[0]!.node, items[0]!.value) ? [] : [{ item: items[0]!, parsed: parseScope(items[0]!.value) }];
  const live: LiveScope[] = [];
  for (const item of items) if (!hasPlaceholderAt(list.doc, item.node, item.value)) live.push({ item, parsed: parseScope(item.value) });
  return live;
}

/**
 * liveScopes of model.scopeLists[i], worked out once per model for the five rules that ask: kept in an
 * array per model (a map keyed by every list costs more on a file with thousands of lists), on the
 * model itself (a Memo: a WeakMap's value stays alive while its key is young, so every model's lists
 * would survive each scavenge).
 */
const liveByModel = new Memo<ConfigModel, (LiveScope[] | undefined)[]>();
export function liveScopesAt(model: ConfigModel, i: number): LiveScope[] {
  let all = liveByModel.get(model);
  if (!all) {
    all = new Array<LiveScope[] | undefined>(model.scopeLists.length).fill(undefined);
    liveByModel.set(model, all);
  }
  return (all[i] ??= liveScopes(model.scopeLists[i]!));
}

/** Severity of a problem that only matters for app-only tokens; undefined = do not report. */
export function appOnlySeverity(list: ScopeList): Severity | undefined {
  if (!list.isRequest) return undefined;
  return list.flow.appOnly === 'certain' ? 'error' : list.flow.appOnly === 'inferred' ? 'warning' : undefined;
}

/** Severity of a problem that breaks any token request: an error only when the app-only flow is certain. */
export function anyFlowSeverity(list: ScopeList): Severity {
  return list.flow.appOnly === 'certain' ? 'error' : 'warning';
}

export function lower(severity: Severity): Severity {
  return severity === 'error' ? 'warning' : severity === 'warning' ? 'info' : 'hint';
}

/** The sentence every finding ends with: why the tool judged the flow as it did. */
export function flowClause(list: ScopeList): string {
  const reason = list.flow.reason;
  switch (list.flow.appOnly) {
    case 'certain':
      return `App-only token: ${reason}.`;
    case 'inferred':
      return `App-only token inferred, not certain (hence the lower severity): ${reason}.`;
    case 'no':
      return `Delegated token: ${reason}.`;
    default:
      return `Flow unknown: ${reason}.`;
  }
}

/** "'DownstreamApis:Graph:Scopes'" for messages. */
export function listLabel(list: ScopeList): string {
  return `'${list.prop.path.map(String).join(':')}'`;
}

/** Microsoft Graph of the cloud the identity signs in to (bare permissions mean Graph). */
export function graphOriginFor(model: ConfigModel): string {
  for (const identity of [...model.identities, ...model.familyIdentities]) {
    const instance = stringValue(identity.props.get('instance')?.valueNode) ?? stringValue(identity.props.get('authority')?.valueNode);
    const cloud = instance ? cloudForAuthorityHost(instance) : undefined;
    const origin = cloud ? graphOrigin(cloud) : undefined;
    if (origin) return origin;
  }
  return 'https://graph.microsoft.com';
}

/** Client IDs of the app itself (identity sections of this file and its family). */
export function ownClientIds(model: ConfigModel): string[] {
  const ids: string[] = [];
  for (const identity of [...model.identities, ...model.familyIdentities]) {
    const id = stringValue(identity.props.get('clientid')?.valueNode)?.trim();
    if (id && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) ids.push(id.toLowerCase());
  }
  return ids;
}

/** Keeps the first of equal values (case-insensitive). */
export function dedupe(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = v.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

type Edit = RuleFix['edits'][number];

/** jsonc-parser's SyntaxKind values (a const enum, which isolatedModules cannot read). */
const TOKEN = { comma: 5, lineComment: 12, blockComment: 13, lineBreak: 14, trivia: 15, eof: 17 } as const;
const is = (kind: SyntaxKind, value: number): boolean => (kind as number) === value;

/** Replaces one scope in place (an array element, or one word of a space-separated string). */
export function replaceItemEdit(list: ScopeList, item: ScopeItem, value: string): Edit | undefined {
  if (item.derivedFrom !== undefined) return undefined;
  if (list.form === 'array') return { offset: item.node.offset, length: item.node.length, content: JSON.stringify(value) };
  return { offset: item.offset, length: item.length, content: JSON.stringify(value).slice(1, -1) };
}

/**
 * Edits that make the list hold exactly `values`, touching as little text as possible: elements
 * are replaced in place, surplus elements removed from the end, missing ones appended after the
 * last element. Comments and layout elsewhere stay as they are. Undefined when the list holds
 * non-string elements or derived scopes.
 */
export function setListEdits(list: ScopeList, values: string[]): Edit[] | undefined {
  if (list.items.some((i) => i.derivedFrom !== undefined)) return undefined;
  const node = list.prop.valueNode;
  if (list.form === 'string') return [{ offset: node.offset, length: node.length, content: JSON.stringify(values.join(' ')) }];
  if (list.form !== 'array') return undefined;
  const elements: Node[] = node.children ?? [];
  if (elements.some((e) => e.type !== 'string')) return undefined;
  const removal = removedIndices(elements.map((e) => String(e.value)), values);
  if (removal) return removeElementsEdits(list.doc.text, node, elements, removal);
  const edits: Edit[] = [];
  const common = Math.min(elements.length, values.length);
  for (let k = 0; k < common; k++) {
    const el = elements[k]!;
    if (el.value !== values[k]) edits.push({ offset: el.offset, length: el.length, content: JSON.stringify(values[k]) });
  }
  if (values.length < elements.length) {
    if (values.length === 0) {
      const start = node.offset + 1;
      edits.push({ offset: start, length: node.offset + node.length - 1 - start, content: '' });
    } else {
      const keep = elements[values.length - 1]!;
      const last = elements[elements.length - 1]!;
      const from = keep.offset + keep.length;
      edits.push({ offset: from, length: last.offset + last.length - from, content: '' });
    }
  } else if (values.length > elements.length) {
    const extra = values.slice(elements.length).map((v) => JSON.stringify(v));
    if (elements.length === 0) edits.push({ offset: node.offset + 1, length: 0, content: extra.join(', ') });
    else {
      const last = elements[elements.length - 1]!;
      edits.push({ offset: last.offset + last.length, length: 0, content: `, ${extra.join(', ')}` });
    }
  }
  return edits;
}

/** Indices to drop when `values` is `current` with some elements removed (order kept); undefined otherwise. */
function removedIndices(current: string[], values: string[]): number[] | undefined {
  if (values.length >= current.length) return undefined;
  const removed: number[] = [];
  let j = 0;
  for (let i = 0; i < current.length; i++) {
    if (j < values.length && current[i] === values[j]) j++;
    else removed.push(i);
  }
  return j === values.length ? removed : undefined;
}

/** Deletes array elements with their separating comma, leaving the other elements' text untouched. */
function removeElementsEdits(text: string, array: Node, elements: Node[], removed: number[]): Edit[] {
  const gone = new Set(removed);
  if (gone.size === elements.length) {
    const start = array.offset + 1;
    return [{ offset: start, length: array.offset + array.length - 1 - start, content: '' }];
  }
  // A trailing run of removed elements goes with the comma after the last kept element.
  let tail = elements.length;
  while (tail > 0 && gone.has(tail - 1)) tail--;
  const edits: Edit[] = [];
  for (const i of removed) {
    if (i >= tail) continue;
    const el = elements[i]!;
    const next = elements[i + 1]!;
    edits.push({ offset: el.offset, length: next.offset - el.offset, content: '' });
  }
  if (tail < elements.length) {
    const keep = elements[tail - 1]!;
    const last = elements[elements.length - 1]!;
    const from = keep.offset + keep.length;
    const to = last.offset + last.length;
    // A comment on the kept element's line (`"a", // why`) stays with it: only its comma goes.
    const scanner = createScanner(text, false);
    scanner.setPosition(from);
    let comma = -1;
    let keepUntil = -1;
    for (let kind = scanner.scan(); !is(kind, TOKEN.eof) && scanner.getTokenOffset() < to; kind = scanner.scan()) {
      if (is(kind, TOKEN.comma) && comma < 0) comma = scanner.getTokenOffset();
      else if (is(kind, TOKEN.lineComment) || is(kind, TOKEN.blockComment)) keepUntil = scanner.getTokenOffset() + scanner.getTokenLength();
      else if (is(kind, TOKEN.lineBreak) || (!is(kind, TOKEN.trivia) && !is(kind, TOKEN.comma))) break;
    }
    if (comma >= 0 && keepUntil > comma) {
      edits.push({ offset: comma, length: 1, content: '' });
      edits.push({ offset: keepUntil, length: to - keepUntil, content: '' });
    } else edits.push({ offset: from, length: to - from, content: '' });
  }
  return edits;
}

/** jsonc-parser formatting that matches the document: tabs or its indent width, its line ending. */
export function formattingOf(text: string): { insertSpaces: boolean; tabSize: number; eol: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indents = [...text.matchAll(/^([ \t]+)\S/gm)].map((m) => m[1]!);
  if (indents.some((i) => i.startsWith('\t'))) return { insertSpaces: false, tabSize: 4, eol };
  const widths = indents.map((i) => i.length).filter((n) => n > 0);
  const tabSize = widths.length ? Math.min(...widths) : 2;
  return { insertSpaces: true, tabSize: Math.min(Math.max(tabSize, 1), 8), eol };
}

/** One edit turning `from` into `to` (common prefix and suffix kept). */
export function diffEdit(from: string, to: string): Edit {
  let start = 0;
  const max = Math.min(from.length, to.length);
  while (start < max && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)) end++;
  return { offset: start, length: from.length - start - end, content: to.slice(start, to.length - end) };
}

/** Applies offset edits (non-overlapping) to a text. */
export function applyOffsetEdits(text: string, edits: Edit[]): string {
  return applyEdits(text, edits.map((e) => ({ offset: e.offset, length: e.length, content: e.content })));
}

/** jsonc-parser `modify` on top of earlier edits, returned as one edit against the original text. */
export function modifyAfter(text: string, earlier: Edit[], path: (string | number)[], value: unknown): Edit {
  const first = applyOffsetEdits(text, earlier);
  const second = applyEdits(first, modify(first, path, value, { formattingOptions: formattingOf(text) }));
  return diffEdit(text, second);
}
