// scope/empty: an empty scope list, or an empty element, in a list used to request a token.
// Nothing (or "") cannot be turned into a token request: Microsoft.Identity.Web rejects an app
// token without a "/.default" scope (IDW10404), MSAL requires scopes, and Entra answers a request
// without one with AADSTS90014 / AADSTS900144 (missing 'scope').
import type { ConfigModel, ScopeList } from '../../../config/model';
import { stringValue } from '../../../config/json';
import { defaultScopeOf, resolveResource } from '../../../knowledge/resources';
import { trimScope } from '../../../scope';
import type { Rule, RuleFinding, RuleFix } from '../../rule';
import { anyFlowSeverity, appOnlySeverity, flowClause, listLabel, setListEdits } from './util';

const ID = 'scope/empty';

function fillFix(list: ScopeList): RuleFix | undefined {
  if (!appOnlySeverity(list)) return undefined;
  const url = stringValue(list.baseUrl?.valueNode);
  const known = url ? resolveResource(url) : undefined;
  if (!known) return undefined;
  const scope = defaultScopeOf(known.resource);
  const edits = setListEdits(list, [scope]);
  return edits ? { title: `Request "${scope}" (${known.resource.displayName}, from BaseUrl)`, edits, isPreferred: true } : undefined;
}

/** `!trimScope(value)`: only whitespace (of any kind) or nothing; a value starting with a visible ASCII character is ruled out at once. */
function isBlank(value: string): boolean {
  const c = value.charCodeAt(0);
  return !(c > 0x20 && c < 0x7f) && !trimScope(value);
}

export const empty: Rule = {
  ids: [ID],
  check(model: ConfigModel): RuleFinding[] {
    const out: RuleFinding[] = [];
    for (const list of model.scopeLists) {
      if (!list.isRequest || list.items.some((i) => i.derivedFrom !== undefined)) continue;
      const node = list.prop.valueNode;
      const severity = anyFlowSeverity(list);
      const noneMessage = (what: string): string =>
        `${listLabel(list)} is ${what}: no token can be requested without a scope (Microsoft.Identity.Web IDW10404 for app tokens; Entra AADSTS90014 / AADSTS900144 "missing 'scope'"). ` +
        `${appOnlySeverity(list) ? 'An app-only token needs "{App ID URI of the API}/.default". ' : ''}${flowClause(list)}`;
      if (list.form === 'array') {
        const elements = node.children ?? [];
        if (!elements.length) {
          const fix = fillFix(list);
          out.push({ ruleId: ID, severity, message: noneMessage('an empty array'), offset: node.offset, length: node.length, ...(fix ? { fixes: [fix] } : {}) });
          continue;
        }
        const blanks = list.items.some((i) => isBlank(i.value)) ? list.items.filter((i) => isBlank(i.value)) : [];
        const all = blanks.length === elements.length;
        for (const item of blanks) {
          const remaining = list.items.filter((i) => trimScope(i.value)).map((i) => i.value);
          const edits = all ? undefined : setListEdits(list, remaining);
          const fix = all ? fillFix(list) : edits ? { title: 'Remove the empty scope', edits, isPreferred: true } : undefined;
          out.push({
            ruleId: ID,
            severity,
            message: all
              ? noneMessage(`an array of empty strings`)
              : `An empty scope ${JSON.stringify(item.value)} in ${listLabel(list)}: it is sent as part of the scope list and makes the request invalid (AADSTS70011). ${flowClause(list)}`,
            offset: item.node.offset,
            length: item.node.length,
            ...(fix ? { fixes: [fix] } : {}),
          });
        }
      } else if (list.form === 'string' && !trimScope(stringValue(node) ?? '')) {
        const fix = fillFix(list);
        out.push({ ruleId: ID, severity, message: noneMessage('an empty string'), offset: node.offset, length: node.length, ...(fix ? { fixes: [fix] } : {}) });
      } else if (list.form === 'other' && node.type === 'null') {
        out.push({ ruleId: ID, severity, message: noneMessage('null'), offset: node.offset, length: node.length });
      }
    }
    return out;
  },
};
