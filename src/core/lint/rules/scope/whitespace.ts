// scope/whitespace: stray whitespace in a scope. Microsoft.Identity.Web checks app-token scopes
// with EndsWith("/.default") (IDW10404 for "…/.default "), and characters Entra does not split
// on — tabs, non-breaking and zero-width spaces, usually pasted from a web page — become part of
// the scope (AADSTS70011 / AADSTS500011). Also checked in a web API's own accepted Scopes, which
// are compared with the token's `scp` as written.
import type { ConfigModel, ScopeList } from '../../../config/model';
import type { Severity } from '../../../findings';
import { stringValue } from '../../../config/json';
import { hasPlaceholder } from '../../../knowledge/placeholders';
import { describeWhitespace, trimScope } from '../../../scope';
import type { Rule, RuleFinding, RuleFix } from '../../rule';
import { anyFlowSeverity, flowClause, listLabel, liveScopesAt, setListEdits } from './util';

const ID = 'scope/whitespace';
const WS = /[\s\u200b\u200c\u200d\u2060\ufeff]/;
const WS_RUN = /[\s\u200b\u200c\u200d\u2060\ufeff]+/g;
const INVISIBLE_ONLY = /^[\u200b\u200c\u200d\u2060\ufeff]+$/;
const INVISIBLE = /[\u200b\u200c\u200d\u2060\ufeff]/g;
const NOT_WS = /[^\s\u200b\u200c\u200d\u2060\ufeff]/g;

function severityOf(list: ScopeList): Severity {
  return list.isRequest ? anyFlowSeverity(list) : 'warning';
}

function consequence(list: ScopeList): string {
  if (!list.isRequest) return 'an incoming token\'s scp never matches it, so callers get 403';
  if (list.flow.appOnly === 'certain' || list.flow.appOnly === 'inferred') return 'Microsoft.Identity.Web rejects an app-token scope that does not end exactly in "/.default" (IDW10404), and Entra does not strip it (AADSTS70011)';
  return 'Entra receives it as part of the scope and answers AADSTS70011 (invalid scope)';
}

/** The values one array element should become: trimmed, invisible characters dropped, several scopes split. */
function cleaned(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (const piece of trimScope(value).split(/([\s\u200b\u200c\u200d\u2060\ufeff]+)/)) {
    if (!piece) continue;
    if (WS.test(piece[0]!)) {
      if (INVISIBLE_ONLY.test(piece)) continue; // glued-in invisible characters: remove
      parts.push(current);
      current = '';
    } else current += piece;
  }
  if (current) parts.push(current);
  return parts.filter(Boolean);
}

export const whitespace: Rule = {
  ids: [ID],
  check(model: ConfigModel): RuleFinding[] {
    const out: RuleFinding[] = [];
    for (let li = 0; li < model.scopeLists.length; li++) {
      const list = model.scopeLists[li]!;
      if (list.items.some((i) => i.derivedFrom !== undefined)) continue;
      if (list.form === 'array') {
        // The items without a placeholder, whose whitespace parseScope has judged already: at the edges
        // 'whitespace', inside 'inner-whitespace' (whitespace only is 'empty', scope/empty's).
        for (const { item, parsed } of liveScopesAt(model, li)) {
          if (!parsed.problems.some((p) => p.code === 'whitespace' || p.code === 'inner-whitespace')) continue;
          const parts = cleaned(item.value);
          const split = parts.length > 1;
          const values = list.items.flatMap((i) => (i === item ? parts : [i.value]));
          const edits = setListEdits(list, values);
          const fix: RuleFix | undefined = edits
            ? { title: split ? `Split into ${parts.map((p) => `"${p}"`).join(', ')}` : `Use "${parts[0]}"`, edits, isPreferred: true }
            : undefined;
          const what = split
            ? `"${item.value.trim()}" holds ${parts.length} scopes separated by ${describeWhitespace(trimScope(item.value))} in one array element`
            : `${JSON.stringify(item.value)} contains ${describeWhitespace(item.value.replace(NOT_WS, ''))}`;
          out.push({
            ruleId: ID,
            severity: severityOf(list),
            message: `${what} in ${listLabel(list)}: ${consequence(list)}. ${flowClause(list)}`,
            offset: item.offset,
            length: item.length,
            ...(fix ? { fixes: [fix] } : {}),
          });
        }
      } else if (list.form === 'string') {
        const value = stringValue(list.prop.valueNode) ?? '';
        if (!trimScope(value) || hasPlaceholder(value)) continue;
        // A space-separated string is split on spaces: only edges and other whitespace kinds matter.
        const odd = value.replace(/ /g, '');
        const edges = value !== value.trim() || value !== trimScope(value);
        if (!edges && !WS.test(odd)) continue;
        const fixedValue = value.replace(INVISIBLE, '').split(WS_RUN).filter(Boolean).join(' ');
        const node = list.prop.valueNode;
        out.push({
          ruleId: ID,
          severity: severityOf(list),
          message: `${listLabel(list)} contains ${describeWhitespace(WS.test(odd) ? odd.replace(NOT_WS, '') : ' ')}: ${consequence(list)}. ${flowClause(list)}`,
          offset: node.offset,
          length: node.length,
          fixes: [{ title: `Use ${JSON.stringify(fixedValue)}`, edits: [{ offset: node.offset, length: node.length, content: JSON.stringify(fixedValue) }], isPreferred: true }],
        });
      }
    }
    return out;
  },
};
