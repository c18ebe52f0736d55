// One OAuth scope string, read the way Microsoft Entra reads it (entra-facts.md §3).
//
// Entra accepts two forms: a URI (`https://graph.microsoft.com/User.Read`, `api://{id}/.default`)
// and a GUID (`{appId}/.default`); a bare permission (`User.Read`) means Microsoft Graph in
// delegated flows. The resource is everything before the LAST '/', which is also the `aud` of a
// v1.0 token — hence `https://database.windows.net//.default` for a resource whose identifier
// ends in '/'. Pure functions: the linter, hovers and the token inspector all use them.

import { defaultScopeOf, matchResourceIdentifier, resourceById, type ResourceMatch } from './knowledge/resources';
import { normalizeHost } from './knowledge/clouds';
import { memoizeString } from './knowledge/memo';

export type ScopeForm = 'uri' | 'guid' | 'bare';

export type ScopeProblemCode =
  /** Nothing (or only whitespace) at all. */
  | 'empty'
  /** Leading or trailing whitespace, including tabs, non-breaking and zero-width spaces. */
  | 'whitespace'
  /** Whitespace inside the value: two scopes in one element, or an invisible character. */
  | 'inner-whitespace'
  /** `%2F` and friends: the value was URL-encoded once too often. */
  | 'percent-encoded'
  /** `https://x.azurewebsites.netuser_impersonation`: the '/' between host and permission is missing. */
  | 'host-run-into-permission'
  /** `/.default` or `.default`: a permission without a resource (AADSTS700023 / 70011). */
  | 'resourceless'
  /** Has a '/' but the resource is neither a URI nor a GUID (AADSTS70011 "scope format is invalid"). */
  | 'not-uri-or-guid'
  /** A resource without a permission: `https://graph.microsoft.com`, `{guid}`. */
  | 'no-permission'
  /** A well-known API's host with a path that is not its identifier: `https://graph.microsoft.com/v1.0/.default` (AADSTS500011). */
  | 'resource-not-identifier';

export interface ScopeProblem {
  code: ScopeProblemCode;
  message: string;
  /** The corrected scope, when one follows from the text alone. */
  suggestion?: string;
}

export interface ParsedScope {
  /** The value exactly as given. */
  raw: string;
  /** Trimmed of leading/trailing whitespace (all kinds). */
  value: string;
  form: ScopeForm;
  /** Everything before the last '/' (Entra's rule); the whole value for a resource without permission; undefined for a bare permission. */
  resource?: string;
  /** Everything after the last '/'; the whole value for a bare permission; '' when there is none. */
  permission: string;
  /** The permission is `.default` (case-insensitive, as Microsoft.Identity.Web compares it). */
  isDefault: boolean;
  /** `openid`, `profile`, `email`, `offline_access`: OpenID Connect scopes, never valid for client credentials. */
  isOidc: boolean;
  /** Lower-cased host of a URI-form scope. */
  host?: string;
  /** The well-known Microsoft API the resource part names, if any. */
  wellKnown?: ResourceMatch;
  problems: ScopeProblem[];
}

const WS_CHARS = '\\s\\u200b\\u200c\\u200d\\u2060\\ufeff';
const EDGE_WS = new RegExp(`^[${WS_CHARS}]+|[${WS_CHARS}]+$`, 'g');
const ANY_WS = new RegExp(`[${WS_CHARS}]`);
const SCHEME_RE = /^([a-z][a-z0-9+.-]*):\/\//i;
const GUID_LEAD = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/i;
const OIDC = new Set(['openid', 'profile', 'email', 'offline_access']);
/** Top-level domains a permission name gets run into (`.netuser_impersonation`, `.comUser.Read`). */
const TLDS = ['cloud', 'info', 'com', 'net', 'org', 'gov', 'mil', 'edu', 'app', 'dev', 'biz', 'io', 'us', 'cn', 'de', 'fr', 'sg', 'ms', 'ai', 'co', 'uk', 'eu'];

/** Removes leading/trailing whitespace of every kind (tabs, NBSP, zero-width). */
export function trimScope(value: string): string {
  // Visible ASCII at both ends (the usual scope): nothing to trim, no regex.
  const a = value.charCodeAt(0);
  const b = value.charCodeAt(value.length - 1);
  if (a > 0x20 && a < 0x7f && b > 0x20 && b < 0x7f) return value;
  return value.replace(EDGE_WS, '');
}

/** Describes the whitespace characters in a value, for messages: "a non-breaking space (U+00A0)". */
export function describeWhitespace(text: string): string {
  const names = new Set<string>();
  for (const ch of text) {
    if (!ANY_WS.test(ch)) continue;
    const code = ch.codePointAt(0)!;
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    if (ch === ' ') names.add('a space');
    else if (ch === '\t') names.add('a tab');
    else if (ch === '\n' || ch === '\r') names.add('a line break');
    else if (code === 0xa0 || code === 0x202f) names.add(`a non-breaking space (${hex})`);
    else if (code === 0x200b || code === 0x200c || code === 0x200d || code === 0x2060 || code === 0xfeff) names.add(`a zero-width character (${hex})`);
    else names.add(`an unusual space (${hex})`);
  }
  return [...names].join(', ') || 'whitespace';
}

function splitRunOnHost(scheme: string, authority: string): ScopeProblem | undefined {
  const lower = authority.toLowerCase();
  if (lower.endsWith('.default') && lower.length > '.default'.length) {
    const host = authority.slice(0, -'.default'.length);
    return {
      code: 'host-run-into-permission',
      message: `the '/' before '.default' is missing: Entra reads '${authority}' as one host name`,
      suggestion: `${scheme}://${host}/.default`,
    };
  }
  const labels = authority.split('.');
  for (let i = 1; i < labels.length; i++) {
    const label = labels[i]!;
    for (const tld of TLDS) {
      if (label.length <= tld.length || label.slice(0, tld.length) !== tld) continue;
      const rest = label.slice(tld.length);
      // Host names never hold '_' or mixed case after a lower-case TLD; permission names do.
      if (!/_/.test(rest) && !/[A-Z]/.test(rest)) continue;
      const host = [...labels.slice(0, i), tld].join('.');
      const permission = [rest, ...labels.slice(i + 1)].join('.');
      return {
        code: 'host-run-into-permission',
        message: `the '/' between the host '${host}' and the permission '${permission}' is missing`,
        suggestion: `${scheme}://${host}/${permission}`,
      };
    }
  }
  return undefined;
}

/** Parses one scope string. Never throws. Results are shared between rules: treat them as read-only. */
export const parseScope: (raw: string) => ParsedScope = memoizeString((raw) => parseScopeUncached(raw), 10_000);

function parseScopeUncached(raw: string): ParsedScope {
  const value = trimScope(raw);
  const problems: ScopeProblem[] = [];
  // Results are written as literals (raw, value, problems first, as a spread of them would): an object
  // spread made every parse four times slower, and a large file parses thousands of distinct scopes.
  if (!value) {
    problems.push({ code: 'empty', message: raw ? 'the scope is only whitespace' : 'the scope is empty' });
    return { raw, value, problems, form: 'bare', permission: '', isDefault: false, isOidc: false };
  }
  if (value !== raw) {
    problems.push({ code: 'whitespace', message: `the scope has ${describeWhitespace(raw.replace(value, ''))} around it`, suggestion: value });
  }
  if (ANY_WS.test(value)) {
    problems.push({ code: 'inner-whitespace', message: `the scope contains ${describeWhitespace(value)}` });
  }
  if (value.includes('%') && /%[0-9a-f]{2}/i.test(value)) {
    let decoded: string | undefined;
    try {
      decoded = trimScope(decodeURIComponent(value));
    } catch {
      decoded = undefined;
    }
    problems.push({
      code: 'percent-encoded',
      message: `the scope is URL-encoded ('${value.match(/%[0-9a-f]{2}/i)![0]}'); MSAL encodes it again when it sends the request`,
      ...(decoded && decoded !== value ? { suggestion: decoded } : {}),
    });
  }

  const scheme = SCHEME_RE.exec(value);
  if (scheme) {
    const afterScheme = scheme[0].length;
    const host = normalizeHost(value) || undefined;
    const slash = value.indexOf('/', afterScheme);
    if (slash < 0) {
      const runOn = splitRunOnHost(scheme[1]!, value.slice(afterScheme));
      if (runOn) {
        problems.push(runOn);
        return { raw, value, problems, form: 'uri', resource: value, permission: '', isDefault: false, isOidc: false, host };
      }
      problems.push({ code: 'no-permission', message: `'${value}' names a resource but no permission` });
      return { raw, value, problems, form: 'uri', resource: value, permission: '', isDefault: false, isOidc: false, host, wellKnown: matchResourceIdentifier(value) };
    }
    const last = value.lastIndexOf('/');
    if (last === value.length - 1) {
      problems.push({ code: 'no-permission', message: `'${value}' names a resource but no permission` });
      return { raw, value, problems, form: 'uri', resource: value, permission: '', isDefault: false, isOidc: false, host, wellKnown: matchResourceIdentifier(value) };
    }
    const resource = value.slice(0, last);
    const permission = value.slice(last + 1);
    const wellKnown = matchResourceIdentifier(resource);
    if (wellKnown?.matchedBy === 'host') {
      const fixed = `${wellKnown.resource.identifier}/${permission}`;
      problems.push({
        code: 'resource-not-identifier',
        message: `'${resource}' is not the identifier of ${wellKnown.resource.displayName} ('${wellKnown.resource.identifier}'): Entra finds no API registered as '${resource}'`,
        suggestion: fixed,
      });
    }
    return { raw, value, problems, form: 'uri', resource, permission, isDefault: permission.toLowerCase() === '.default', isOidc: false, host, wellKnown };
  }

  const guid = GUID_LEAD.exec(value);
  if (guid) {
    const wellKnown = matchResourceIdentifier(guid[0]);
    if (value.length === guid[0].length) {
      problems.push({ code: 'no-permission', message: `'${value}' names a resource (by application ID) but no permission` });
      return { raw, value, problems, form: 'guid', resource: value, permission: '', isDefault: false, isOidc: false, wellKnown };
    }
    const last = value.lastIndexOf('/');
    const permission = value.slice(last + 1);
    return { raw, value, problems, form: 'guid', resource: value.slice(0, last), permission, isDefault: permission.toLowerCase() === '.default', isOidc: false, wellKnown };
  }

  const last = value.lastIndexOf('/');
  if (last === 0) {
    const permission = value.slice(1);
    problems.push({ code: 'resourceless', message: `'${value}' has no resource before the '/'` });
    return { raw, value, problems, form: 'bare', resource: '', permission, isDefault: permission.toLowerCase() === '.default', isOidc: false };
  }
  if (last > 0) {
    const resource = value.slice(0, last);
    const permission = value.slice(last + 1);
    const asHost = /^[a-z0-9-]+(\.[a-z0-9-]+)+(\/|$)/i.test(resource) ? matchResourceIdentifier(`https://${resource}`) : undefined;
    const suggestion = asHost
      ? `${asHost.matchedBy === 'instance-host' ? `https://${resource}` : asHost.resource.identifier}/${permission}`
      : /^[a-z0-9-]+(\.[a-z0-9-]+)+/i.test(resource)
        ? `https://${value}`
        : undefined;
    problems.push({
      code: 'not-uri-or-guid',
      message: `'${resource}' is neither a URI (scheme://host…) nor an application ID (GUID)`,
      ...(suggestion ? { suggestion } : {}),
    });
    return { raw, value, problems, form: 'bare', resource, permission, isDefault: permission.toLowerCase() === '.default', isOidc: false };
  }
  const isDefault = value.toLowerCase() === '.default';
  if (isDefault) problems.push({ code: 'resourceless', message: `'${value}' has no resource: '.default' must follow the API's identifier` });
  return { raw, value, problems, form: 'bare', permission: value, isDefault, isOidc: OIDC.has(value.toLowerCase()) };
}

/** The resource a scope is for, as a comparable key: a well-known resource id, or the lower-cased identifier without trailing slashes. A bare permission means Microsoft Graph. */
export function resourceKey(scope: ParsedScope): string | undefined {
  if (scope.wellKnown && scope.wellKnown.matchedBy !== 'host') return scope.wellKnown.resource.id;
  if (scope.form === 'bare' && scope.resource === undefined) return scope.isOidc || scope.isDefault ? undefined : 'microsoft-graph';
  if (!scope.resource) return undefined;
  return scope.resource.toLowerCase().replace(/\/+$/, '');
}

/** A readable name of the resource: 'Azure SQL Database', `api://…`, 'Microsoft Graph'. */
export function resourceLabel(scope: ParsedScope): string {
  if (scope.wellKnown && scope.wellKnown.matchedBy !== 'host') return scope.wellKnown.resource.displayName;
  if (scope.form === 'bare' && scope.resource === undefined) return 'Microsoft Graph';
  return scope.resource || scope.value;
}

/**
 * The `/.default` scope to use instead of this one for an app-only token, or undefined when the
 * resource cannot be told (no resource, OpenID scopes). `graphOrigin` picks the national-cloud
 * Graph for bare permissions (default `https://graph.microsoft.com`).
 */
export function defaultScopeFor(scope: ParsedScope, graphOrigin = 'https://graph.microsoft.com'): string | undefined {
  if (scope.isOidc) return undefined;
  const known = scope.wellKnown;
  if (known && known.matchedBy !== 'host') {
    return scope.form === 'guid' ? `${known.resource.appId ?? scope.resource}/.default` : defaultScopeOf(known.resource);
  }
  if (scope.form === 'bare' && scope.resource === undefined) return scope.isDefault ? undefined : `${graphOrigin.replace(/\/+$/, '')}/.default`;
  if (!scope.resource || scope.problems.some((p) => p.code === 'not-uri-or-guid' || p.code === 'host-run-into-permission')) return undefined;
  return `${scope.resource.replace(/\/+$/, '')}/.default`;
}

export interface AudienceInfo {
  /** Access-token version the API receives, when the API is well known. */
  tokenVersion?: 1 | 2;
  /** `aud` of a v1.0 token: the resource part exactly as requested (GUID form: the GUID). */
  v1?: string;
  /** `aud` of a v2.0 token: always the API's application (client) ID; undefined when unknown here. */
  v2?: string;
  /** The `aud` the API expects, when the API is well known: its registered identifier. */
  expected?: string;
}

/** The audience Entra will put in the token for this scope (v1.0 and v2.0), for hovers and diagnosis. */
export function audienceOf(scope: ParsedScope): AudienceInfo {
  const known = scope.wellKnown && scope.wellKnown.matchedBy !== 'host' ? scope.wellKnown.resource : undefined;
  const info: AudienceInfo = {};
  if (known) {
    info.tokenVersion = known.tokenVersion;
    info.expected = known.identifier;
    if (known.appId) info.v2 = known.appId;
  }
  if (scope.form === 'guid') {
    info.v1 = scope.resource;
    info.v2 = scope.resource;
  } else if (scope.form === 'uri') {
    info.v1 = scope.resource;
  } else if (scope.resource === undefined && !scope.isOidc && !scope.isDefault) {
    const graph = resourceById('microsoft-graph')!;
    info.v1 = graph.identifier;
    info.v2 = graph.appId;
    info.tokenVersion = graph.tokenVersion;
    info.expected = graph.identifier;
  }
  return info;
}

/**
 * Plain-text lines explaining a scope, for hovers and the CLI: which API it names, what it
 * requests and the audience the token will carry. Never includes anything secret (scopes are not).
 */
export function describeScope(scope: ParsedScope): string[] {
  const lines: string[] = [];
  if (!scope.value) return ['Empty scope: nothing can be requested with it.'];
  const known = scope.wellKnown && scope.wellKnown.matchedBy !== 'host' ? scope.wellKnown.resource : undefined;
  if (scope.form === 'bare' && scope.resource === undefined) {
    if (scope.isOidc) lines.push(`OpenID Connect scope '${scope.value}': used to sign users in; never valid for app-only tokens.`);
    else if (scope.isDefault) lines.push(`'.default' without a resource: Entra cannot tell which API it is for.`);
    else lines.push(`Permission '${scope.value}' of Microsoft Graph (a scope without resource means Graph), delegated flows only.`);
  } else {
    const api = known ? `${known.displayName} (${known.identifier})` : scope.resource || '(no resource)';
    lines.push(`API: ${api}${scope.form === 'guid' ? ', named by its application ID' : ''}.`);
    if (scope.isDefault) lines.push('Requests every permission granted to the app for this API (/.default): the form app-only tokens need.');
    else if (scope.permission) lines.push(`Requests the permission '${scope.permission}' (delegated flows only; app-only tokens need '/.default').`);
  }
  const aud = audienceOf(scope);
  if (aud.v1 !== undefined) {
    const mismatch = aud.expected !== undefined && aud.v1.toLowerCase() !== aud.expected.toLowerCase() && scope.form !== 'guid';
    lines.push(`Token audience (aud) of a v1.0 token: '${aud.v1}'${mismatch ? ` — the API's identifier is '${aud.expected}'` : ''}.`);
  }
  if (aud.v2) lines.push(`Token audience (aud) of a v2.0 token: '${aud.v2}' (the API's application ID).`);
  if (aud.tokenVersion) lines.push(`This API receives v${aud.tokenVersion}.0 access tokens.`);
  for (const p of scope.problems) lines.push(`Problem: ${p.message}${p.suggestion ? ` — use '${p.suggestion}'` : ''}.`);
  return lines;
}
