// scope/v1-trailing-slash: resources whose identifier ends in '/' (Azure SQL, ARM, classic
// management, Azure AD Graph, Batch …) need `{identifier}/.default`, i.e. a double slash.
// Entra takes everything before the LAST '/' as the v1.0 token's audience, so
// `https://database.windows.net/.default` yields aud `https://database.windows.net`, which SQL
// rejects. Never suggested for Key Vault, Managed HSM or Graph: their identifiers have no slash.
import type { ConfigModel, ScopeList } from '../../../config/model';
import type { Severity } from '../../../findings';
import type { WellKnownResource } from '../../../knowledge/resources';
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

/**
 * A resource's part of the message, worked out once per resource of the table: the head, and the
 * consequence split around the aud (one piece when it does not quote it). A finding then joins about ten
 * pieces instead of twenty (each join a string a large file's findings keep until the lint ends).
 */
const wordings = new Map<WellKnownResource, string[]>();
function wordingOf(r: WellKnownResource): string[] {
  let w = wordings.get(r);
  if (!w) {
    w = [`${r.displayName}'s identifier is "${r.identifier}", with a trailing slash. Entra takes everything before the last '/' of "`, ...consequence(r, '\0').split('\0')];
    wordings.set(r, w);
  }
  return w;
}

function severityFor(list: ScopeList, r: WellKnownResource): Severity {
  const base = anyFlowSeverity(list);
  return r.singleSlash === 'rejected' ? base : lower(base);
}

export const v1TrailingSlash: Rule = {
  ids: [ID],
  check(model: ConfigModel): RuleFinding[] {
    const out: RuleFinding[] = [];
    for (let li = 0; li < model.scopeLists.length; li++) {
      const list = model.scopeLists[li]!;
      if (!list.isRequest) continue;
      for (const s of liveScopesAt(model, li)) {
        const p = s.parsed;
        const match = p.wellKnown;
        if (!match || match.matchedBy !== 'identifier' || !match.slashDiffers || !match.resource.trailingSlash) continue;
        if (!p.permission || !p.resource || p.resource.endsWith('/')) continue;
        const r = match.resource;
        const fixed = `${r.identifier}/${p.permission}`;
        const w = wordingOf(r);
        const derived = s.item.derivedFrom !== undefined;
        const edit = derived ? undefined : replaceItemEdit(list, s.item, fixed);
        const severity = severityFor(list, r);
        const message =
          w[0] +
          p.value +
          `" as the token audience, so the token's aud is "` +
          p.resource +
          '": ' +
          (w.length > 2 ? w[1]! + p.resource + w[2]! : w[1]!) +
          '. ' +
          (derived
            ? `The code builds this scope as ${listLabel(list)} + ".default"; for this resource build it as "${fixed}". `
            : `Use "${fixed}" (double slash). `) +
          flowClause(list);
        const { offset, length } = s.item;
        // One literal each, fixes neither spread in (a spread makes a slow dictionary object) nor added afterwards (a new map and property store per finding).
        out.push(
          edit
            ? { ruleId: ID, severity, message, offset, length, fixes: [{ title: `Use "${fixed}"`, edits: [edit], isPreferred: true }] }
            : { ruleId: ID, severity, message, offset, length },
        );
      }
    }
    return out;
  },
};
