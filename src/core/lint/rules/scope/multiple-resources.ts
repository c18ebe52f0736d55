// scope/multiple-resources: an access token has one audience, so one client-credentials request
// can only be for one resource. Scopes of two APIs in one app-only list fail with AADSTS70011
// (two `/.default` scopes) or AADSTS700022 (InvalidMultipleResourcesScope).
//
// Fixes: when BaseUrl names one of the resources, keep only that resource's scopes (the other
// ones could never be in this token). Under DownstreamApis the other resource can also move to a
// new entry — a dictionary entry nobody calls yet binds harmlessly, so that edit is safe; the
// code must then call the new entry. Elsewhere (DownstreamApi, legacy keys) the tool only explains.
import type { ConfigModel, ScopeList } from '../../../config/model';
import { getProp, stringValue } from '../../../config/json';
import { resolveResource } from '../../../knowledge/resources';
import { normalizeHost } from '../../../knowledge/clouds';
import { resourceKey, resourceLabel } from '../../../scope';
import type { Rule, RuleFinding, RuleFix } from '../../rule';
import { appOnlySeverity, dedupe, flowClause, graphOriginFor, listLabel, liveScopesAt, modifyAfter, setListEdits, type LiveScope } from './util';

const ID = 'scope/multiple-resources';

/** `graphKey`: bare permissions mean the Graph of the identity's cloud (`microsoft-graph@usgov` …). */
function groupsOf(live: LiveScope[], graphKey: string): Map<string, LiveScope[]> {
  const groups = new Map<string, LiveScope[]>();
  for (const s of live) {
    if (s.parsed.isOidc || !s.parsed.value) continue;
    if (s.parsed.problems.some((p) => p.code !== 'whitespace' && p.code !== 'no-permission')) continue;
    const key = s.parsed.form === 'bare' && s.parsed.resource === undefined ? graphKey : resourceKey(s.parsed);
    if (!key) continue;
    const g = groups.get(key);
    if (g) g.push(s);
    else groups.set(key, [s]);
  }
  return groups;
}

/** The group the section's BaseUrl calls: same well-known resource, or same host. */
function baseUrlGroup(list: ScopeList, groups: Map<string, LiveScope[]>): string | undefined {
  const url = stringValue(list.baseUrl?.valueNode)?.trim();
  if (!url) return undefined;
  const known = resolveResource(url);
  const host = normalizeHost(url);
  const hits = [...groups.entries()].filter(([key, g]) => (known && key === known.resource.id) || g.some((s) => s.parsed.host && s.parsed.host === host));
  return hits.length === 1 ? hits[0]![0] : undefined;
}

function entryName(model: ConfigModel, list: ScopeList, group: LiveScope[]): string {
  const known = group[0]!.parsed.wellKnown;
  const base = known && known.matchedBy !== 'host' ? known.resource.displayName.replace(/\(.*?\)/g, '').replace(/[^A-Za-z0-9]+/g, '') : `${list.sectionName.trim()}2`;
  const parentPath = list.sectionPath.slice(0, -1);
  let parent = model.doc.root;
  for (const seg of parentPath) parent = parent ? getProp(model.doc, parent, String(seg))?.valueNode : undefined;
  let name = base;
  for (let n = 2; parent && getProp(model.doc, parent, name); n++) name = `${base}${n}`;
  return name;
}

export const multipleResources: Rule = {
  ids: [ID],
  check(model: ConfigModel): RuleFinding[] {
    const out: RuleFinding[] = [];
    const graphKey = resolveResource(graphOriginFor(model))?.resource.id ?? 'microsoft-graph';
    for (let li = 0; li < model.scopeLists.length; li++) {
      const list = model.scopeLists[li]!;
      const severity = appOnlySeverity(list);
      if (!severity) continue;
      const live = liveScopesAt(model, li);
      if (live.length < 2) continue; // one scope names one resource: no grouping (and no Map) needed
      const groups = groupsOf(live, graphKey);
      if (groups.size < 2) continue;
      const entries = [...groups.entries()];
      const labels = entries.map(([, g]) => resourceLabel(g[0]!.parsed));
      const complete = live.length === list.items.length;
      const fixes: RuleFix[] = [];
      const target = baseUrlGroup(list, groups);
      if (target && complete) {
        const keep = dedupe(groups.get(target)!.map((s) => s.item.value));
        const edits = setListEdits(list, keep);
        if (edits) fixes.push({ title: `Keep only the ${resourceLabel(groups.get(target)![0]!.parsed)} scope${keep.length > 1 ? 's' : ''} (the API at BaseUrl)`, edits, isPreferred: true });
      }
      const splittable = list.origin === 'DownstreamApis' && list.form === 'array' && complete && list.sectionPath.length >= 2;
      if (splittable) {
        const stay = target ?? entries[0]![0];
        const keep = dedupe(groups.get(stay)!.map((s) => s.item.value));
        const removal = setListEdits(list, keep);
        if (removal) {
          for (const [key, g] of entries) {
            if (key === stay) continue;
            const name = entryName(model, list, g);
            const entry: Record<string, unknown> = { Scopes: dedupe(g.map((s) => s.item.value)) };
            if (list.flow.appOnly === 'certain' && list.flow.reason.includes('RequestAppToken')) entry.RequestAppToken = true;
            const edit = modifyAfter(model.doc.text, removal, [...list.sectionPath.slice(0, -1), name], entry);
            fixes.push({ title: `Move the ${resourceLabel(g[0]!.parsed)} scopes to a new DownstreamApis entry "${name}" (then add its BaseUrl and call it from code)`, edits: [edit] });
          }
        }
      }
      const second = entries[1]![1][0]!;
      const how =
        list.origin === 'DownstreamApis'
          ? 'Give each API its own DownstreamApis entry (own BaseUrl and Scopes) and call each by name.'
          : 'Request one token per API: give each API its own section with its own Scopes.';
      out.push({
        ruleId: ID,
        severity,
        message:
          `${listLabel(list)} asks for scopes of ${groups.size} resources (${labels.join(', ')}) in one app-only token request, but a token has one audience: ` +
          `Entra answers AADSTS70011 (two '/.default' scopes) or AADSTS700022 (scopes of more than one resource). ${how} ${flowClause(list)}`,
        offset: second.item.offset,
        length: second.item.length,
        ...(fixes.length ? { fixes } : {}),
      });
    }
    return out;
  },
};
