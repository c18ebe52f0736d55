// scope/missing-default: a client-credentials request must ask for `{resource}/.default`.
// Entra answers a named permission (`User.Read.All`, `https://graph.microsoft.com/User.Read.All`,
// `api://x/access_as_user`) with AADSTS1002012, and Microsoft.Identity.Web throws IDW10404 first.
import type { ConfigModel, ScopeList } from '../../../config/model';
import { defaultScopeFor, resourceLabel } from '../../../scope';
import type { Rule, RuleFinding, RuleFix } from '../../rule';
import { appOnlySeverity, dedupe, flowClause, graphOriginFor, listLabel, liveScopesAt, replaceItemEdit, setListEdits, type LiveScope } from './util';

const ID = 'scope/missing-default';

/** Problems that make an item malformed rather than merely not `.default` (scope/malformed reports them). */
const MALFORMED = new Set(['percent-encoded', 'host-run-into-permission', 'resourceless', 'not-uri-or-guid', 'resource-not-identifier']);

export function isNamedPermission(s: LiveScope): boolean {
  const p = s.parsed;
  if (!p.value || p.isDefault || p.isOidc) return false;
  return !p.problems.some((x) => MALFORMED.has(x.code));
}

function fixFor(list: ScopeList, live: LiveScope[], target: LiveScope, graph: string): RuleFix | undefined {
  const suggestion = defaultScopeFor(target.parsed, graph);
  if (!suggestion) return undefined;
  const values = dedupe(live.map((s) => (isNamedPermission(s) ? defaultScopeFor(s.parsed, graph) ?? s.item.value : s.item.value)));
  const title = values.length === 1 ? `Request "${values[0]}"` : `Replace the named permissions with ${values.map((v) => `"${v}"`).join(', ')}`;
  // Only this item changes and nothing collapses: a minimal in-place edit.
  const only = live.filter(isNamedPermission).length === 1 && values.length === live.length && live.length === list.items.length;
  if (only) {
    const edit = replaceItemEdit(list, target.item, suggestion);
    return edit ? { title: `Request "${suggestion}"`, edits: [edit], isPreferred: true } : undefined;
  }
  if (live.length !== list.items.length) return undefined;
  const edits = setListEdits(list, values);
  return edits ? { title, edits, isPreferred: true } : undefined;
}

export const missingDefault: Rule = {
  ids: [ID],
  check(model: ConfigModel): RuleFinding[] {
    const out: RuleFinding[] = [];
    const graph = graphOriginFor(model);
    for (let li = 0; li < model.scopeLists.length; li++) {
      const list = model.scopeLists[li]!;
      const severity = appOnlySeverity(list);
      if (!severity) continue;
      const live = liveScopesAt(model, li);
      if (live.some((s) => s.parsed.isDefault)) continue; // mixing is scope/default-not-alone
      for (const s of live.filter(isNamedPermission)) {
        const suggestion = defaultScopeFor(s.parsed, graph);
        const what = s.parsed.permission
          ? `"${s.parsed.value}" is a named permission of ${resourceLabel(s.parsed)}`
          : `"${s.parsed.value}" names ${resourceLabel(s.parsed)} without any permission`;
        const fix = fixFor(list, live, s, graph);
        out.push({
          ruleId: ID,
          severity,
          message:
            `${what}, but ${listLabel(list)} requests an app-only (client credentials) token, which only accepts "{resource}/.default": ` +
            `Entra answers AADSTS1002012 (Microsoft.Identity.Web throws IDW10404 before sending). ` +
            (suggestion ? `Request "${suggestion}" and grant the application permissions (app roles) in the app registration. ` : 'Request the API\'s "{App ID URI}/.default". ') +
            flowClause(list),
          offset: s.item.offset,
          length: s.item.length,
          ...(fix ? { fixes: [fix] } : {}),
        });
      }
    }
    return out;
  },
};
