// scope/malformed: scopes Entra cannot parse or resolve. Its parser accepts "a valid URI form
// <https://example/scope> or a valid Guid <guid/scope>" (AADSTS70011). Also: URL-encoded scopes,
// a host run into the permission name, `/.default` without a resource (AADSTS700023 / 70011), a
// well-known API's URL path used as its identifier (AADSTS500011) and, for app-only lists,
// OpenID scopes (AADSTS1002012) and the app asking for its own `api://{ClientId}` (AADSTS90009).
import type { ConfigModel, ScopeList } from '../../../config/model';
import type { Severity } from '../../../findings';
import { trimScope, type ScopeProblem } from '../../../scope';
import { resolveResource, defaultScopeOf } from '../../../knowledge/resources';
import { stringValue } from '../../../config/json';
import type { Rule, RuleFinding, RuleFix } from '../../rule';
import { anyFlowSeverity, appOnlySeverity, flowClause, listLabel, liveScopesAt, ownClientIds, replaceItemEdit, setListEdits, type LiveScope } from './util';

const ID = 'scope/malformed';

const ERROR_OF: Partial<Record<ScopeProblem['code'], string>> = {
  'percent-encoded': 'Entra then sees the encoded text and answers AADSTS70011 (invalid scope)',
  'host-run-into-permission': 'Entra looks for an API registered under that whole host name and answers AADSTS500011 (resource not found) or AADSTS70011',
  resourceless: 'Entra answers AADSTS700023 (InvalidResourcelessScope) or AADSTS70011',
  'not-uri-or-guid': 'Entra answers AADSTS70011 ("Scope must be in a valid URI form <https://example/scope> or a valid Guid <guid/scope>")',
  'resource-not-identifier': 'Entra answers AADSTS500011 (the resource principal was not found)',
};

interface Report {
  s: LiveScope;
  severity: Severity;
  message: string;
  fix?: RuleFix;
}

function replaceFix(list: ScopeList, s: LiveScope, value: string): RuleFix | undefined {
  const edit = replaceItemEdit(list, s.item, value);
  return edit ? { title: `Use "${value}"`, edits: [edit], isPreferred: true } : undefined;
}

/** Removes every copy of an OpenID scope; a list of nothing else becomes the BaseUrl API's `/.default`, if known. */
function removeFix(list: ScopeList, live: LiveScope[], s: LiveScope): RuleFix | undefined {
  if (live.length !== list.items.length) return undefined;
  const same = (v: string): boolean => trimScope(v).toLowerCase() === s.parsed.value.toLowerCase();
  const remaining = list.items.filter((i) => !same(i.value)).map((i) => i.value);
  const fallback = remaining.length ? undefined : baseUrlDefault(list);
  if (!remaining.length && !fallback) return undefined;
  const edits = setListEdits(list, remaining.length ? remaining : [fallback!]);
  return edits ? { title: remaining.length ? `Remove "${s.parsed.value}"` : `Use "${fallback}"`, edits, isPreferred: true } : undefined;
}

/** The API's `/.default` from the section's BaseUrl, when it is a well-known API. */
function baseUrlDefault(list: ScopeList): string | undefined {
  const url = stringValue(list.baseUrl?.valueNode);
  const known = url ? resolveResource(url) : undefined;
  return known ? defaultScopeOf(known.resource) : undefined;
}

/**
 * A web API's own `Scopes` lists the delegated `scp` values it accepts. `/.default` is a
 * request-side pseudo-scope that never appears in `scp`, so no caller satisfies it. Reported as
 * info: the setting may be unused (the corpus' MtlsWebApi test app).
 */
function acceptedDefaults(list: ScopeList, live: LiveScope[]): RuleFinding[] {
  return live
    .filter((s) => s.parsed.isDefault && s.parsed.resource)
    .map((s) => ({
      ruleId: ID,
      severity: 'info' as const,
      message:
        `${listLabel(list)} lists the delegated scopes (scp) this web API accepts, but "${s.parsed.value}" is a '/.default' request scope: it never appears in a token's scp, ` +
        `so a required-scope check never passes (callers get 403). List the API's own scope names (e.g. "access_as_user"); app-only callers are authorized by app roles (roles claim).`,
      offset: s.item.offset,
      length: s.item.length,
    }));
}

/**
 * The client ID of `own` that `resource` names as `api://{id}` (optional final '/', case ignored):
 * what /^api:\/\/([0-9a-f-]{36})\/?$/i captures, lower-cased, when it is one of `own` (lower-case
 * GUIDs) — compared in place instead of a regex match per scope.
 */
function ownAppIdUri(resource: string, own: string[]): string | undefined {
  const n = resource.length;
  if ((n !== 42 && n !== 43) || (n === 43 && resource.charCodeAt(42) !== 0x2f) || own.length === 0) return undefined;
  if (resource.slice(0, 6).toLowerCase() !== 'api://') return undefined;
  for (const id of own) {
    let k = 0;
    for (; k < 36; k++) {
      const c = resource.charCodeAt(6 + k);
      const want = id.charCodeAt(k);
      if (c !== want && !(want >= 0x61 && want <= 0x66 && c === want - 0x20)) break;
    }
    if (k === 36) return id;
  }
  return undefined;
}

export const malformed: Rule = {
  ids: [ID],
  check(model: ConfigModel): RuleFinding[] {
    const out: RuleFinding[] = [];
    const own = ownClientIds(model);
    for (let li = 0; li < model.scopeLists.length; li++) {
      const list = model.scopeLists[li]!;
      if (!list.isRequest) {
        out.push(...acceptedDefaults(list, liveScopesAt(model, li)));
        continue;
      }
      const appOnly = appOnlySeverity(list);
      const live = liveScopesAt(model, li);
      const reports: Report[] = [];
      for (const s of live) {
        const p = s.parsed;
        if (!p.value) continue;
        const problem = p.problems.length === 0 ? undefined : p.problems.find((x) => x.code in ERROR_OF && !(x.code === 'resourceless' && p.resource === undefined && !appOnly));
        if (problem) {
          let suggestion = problem.suggestion;
          if (!suggestion && problem.code === 'resourceless' && appOnly) suggestion = baseUrlDefault(list);
          const derived = s.item.derivedFrom !== undefined;
          reports.push({
            s,
            severity: anyFlowSeverity(list),
            message:
              `${JSON.stringify(p.value)} is not a valid scope: ${problem.message}; ${ERROR_OF[problem.code]}. ` +
              (derived ? `The code builds it from ${listLabel(list)} + ".default": ${problem.code === 'host-run-into-permission' ? 'end that URL with "/"' : 'fix that value'}. ` : suggestion ? `Use "${suggestion}". ` : '') +
              flowClause(list),
            ...(suggestion && !derived ? { fix: replaceFix(list, s, suggestion) } : {}),
            // Legacy `{ApiUrl}.default` with ApiUrl lacking its final '/': append it to ApiUrl itself.
            ...(derived && problem.code === 'host-run-into-permission' && !s.item.derivedFrom!.endsWith('/')
              ? { fix: { title: `End ${listLabel(list)} with "/"`, edits: [{ offset: s.item.offset + s.item.length, length: 0, content: '/' }], isPreferred: true } }
              : {}),
          });
          continue;
        }
        if (!appOnly) continue;
        if (p.isOidc) {
          reports.push({
            s,
            severity: appOnly,
            message:
              `"${p.value}" is an OpenID Connect scope: it signs a user in and means nothing in an app-only (client credentials) request — Entra answers AADSTS1002012. ` +
              `Remove it; MSAL adds no OpenID scopes to client-credentials requests. ${flowClause(list)}`,
            fix: removeFix(list, live, s),
          });
          continue;
        }
        const selfId = p.form === 'uri' && p.resource ? ownAppIdUri(p.resource, own) : undefined;
        if (selfId) {
          const fixed = `${selfId}/.default`;
          reports.push({
            s,
            severity: appOnly,
            message:
              `"${p.value}" asks for a token for this app itself (its ClientId is ${selfId}). Entra only allows that with the GUID form of the application ID and answers AADSTS90009 ` +
              `(TokenForItselfMissingIdenticalAppIdentifier) otherwise. Use "${fixed}". ${flowClause(list)}`,
            fix: replaceFix(list, s, fixed),
          });
        }
      }
      for (const r of reports) {
        out.push({ ruleId: ID, severity: r.severity, message: r.message, offset: r.s.item.offset, length: r.s.item.length, ...(r.fix ? { fixes: [r.fix] } : {}) });
      }
    }
    return out;
  },
};
