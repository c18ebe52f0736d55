// scope/v1-trailing-slash: resources whose identifier ends in '/' (Azure SQL, ARM, classic
// management, Azure AD Graph, Batch …) need `{identifier}/.default`, i.e. a double slash.
// Entra takes everything before the LAST '/' as the v1.0 token's audience, so
// `https://database.windows.net/.default` yields aud `https://database.windows.net`, which SQL
// rejects. Never suggested for Key Vault, Managed HSM or Graph: their identifiers have no slash.
import type { ConfigModel, ScopeList } from '../../../config/model';
import type { Severity } from '../../../findings';
import type { WellKnownResource } from '../../../knowledge/resources';
import type { ParsedScope } from '../../../scope';
import type { Rule, RuleFinding } from '../../rule';
import { anyFlowSeverity, flowClause, listLabel, liveScopesAt, lower, replaceItemEdit } from './util';

const ID = 'scope/v1-trailing-slash';

function consequence(r: WellKnownResource, aud: string): string {
  switch (r.singleSlash) {
    case 'rejected':
      return `${r.displayName} rejects a token with aud "${aud}" (SQL logins fail with "Login failed for user 'NT AUTHORITY\\ANONYMOUS LOGON'"; where no API is registered under that name Entra answers AADSTS500011)`;
    case 'tolerated':
      return `${r.displayName} accepts it today, but the single-slash form is documented as non-standard and should not be relied on`;
    default:
      return `the API expects aud "${r.identifier}" and may reject the token (where no API is registered under "${aud}" Entra answers AADSTS500011)`;
  }
}

/** What a finding says about its scope, whatever its list: worked out once per distinct scope of a check. */
interface Said {
  fixed: string;
  /** The message before what a derived scope's list adds. */
  head: string;
  /** The message before its list's flow clause. */
  lead: string;
  title: string;
}

function severityFor(list: ScopeList, r: WellKnownResource): Severity {
  const base = anyFlowSeverity(list);
  return r.singleSlash === 'rejected' ? base : lower(base);
}

export const v1TrailingSlash: Rule = {
  ids: [ID],
  check(model: ConfigModel): RuleFinding[] {
    const out: RuleFinding[] = [];
    // A large file repeats a few scopes in thousands of lists: their wording is shared by their findings
    // (which keep it until the lint ends) instead of a chain of some twenty strings per finding.
    const said = new Map<ParsedScope, Said>();
    for (let li = 0; li < model.scopeLists.length; li++) {
      const list = model.scopeLists[li]!;
      if (!list.isRequest) continue;
      for (const s of liveScopesAt(model, li)) {
        const p = s.parsed;
        const match = p.wellKnown;
        if (!match || match.matchedBy !== 'identifier' || !match.slashDiffers || !match.resource.trailingSlash) continue;
        if (!p.permission || !p.resource || p.resource.endsWith('/')) continue;
        const r = match.resource;
        let w = said.get(p);
        if (!w) {
          const fixed = `${r.identifier}/${p.permission}`;
          const head =
            `${r.displayName}'s identifier is "${r.identifier}", with a trailing slash. Entra takes everything before the last '/' of "${p.value}" as the token audience, ` +
            `so the token's aud is "${p.resource}": ${consequence(r, p.resource)}. `;
          w = { fixed, head, lead: `${head}Use "${fixed}" (double slash). `, title: `Use "${fixed}"` };
          said.set(p, w);
        }
        const derived = s.item.derivedFrom !== undefined;
        const edit = derived ? undefined : replaceItemEdit(list, s.item, w.fixed);
        const severity = severityFor(list, r);
        const message =
          (derived ? `${w.head}The code builds this scope as ${listLabel(list)} + ".default"; for this resource build it as "${w.fixed}". ` : w.lead) + flowClause(list);
        const { offset, length } = s.item;
        // One literal each, fixes neither spread in (a spread makes a slow dictionary object) nor added afterwards (a new map and property store per finding).
        out.push(
          edit
            ? { ruleId: ID, severity, message, offset, length, fixes: [{ title: w.title, edits: [edit], isPreferred: true }] }
            : { ruleId: ID, severity, message, offset, length },
        );
      }
    }
    return out;
  },
};
