// Hover texts (Markdown) for scope values and ClientId/TenantId/Instance. Pure: no 'vscode' import,
// so it can move to src/core (for a language server or the CLI's `explain`) without changes.
// Values come from a possibly hostile workspace: they are shown in code spans only, never as links or HTML.
import { buildAdminConsentUrl, ConsentUrlError, isGuid } from '../core/consent/index';
import { findMicrosoftApi } from '../core/jwt/microsoft-apis';
import { classifyAuthorityHost, cloudForResourceHost, PUBLIC_CLOUD, type Cloud } from '../core/knowledge/clouds';
import { ruleDocsUrl } from '../core/lint/index';

const DEFAULT_SUFFIX = '/.default';

/** A Markdown code span that cannot be broken out of. */
export function code(value: string): string {
  const v = value.replace(/[\r\n]+/g, ' ').slice(0, 300);
  const ticks = Math.max(0, ...[...v.matchAll(/`+/g)].map((m) => m[0].length)) + 1;
  const fence = '`'.repeat(ticks);
  return `${fence}${ticks > 1 || v.startsWith('`') || v.endsWith('`') ? ` ${v} ` : v}${fence}`;
}

function ruleLink(ruleId: string): string {
  return `[${ruleId}](${ruleDocsUrl(ruleId)})`;
}

export interface ScopeFacts {
  scope: string;
  isDefault: boolean;
  /** The resource identifier: what precedes `/.default` (or the permission). */
  resource?: string;
  /** What Entra puts in a v1 token's `aud`: everything before the last slash. */
  v1Audience?: string;
  permission?: string;
  /** Name of a Microsoft API the resource belongs to. */
  api?: string;
  /** The Microsoft API's identifier ends with "/" and needs `//.default`. */
  needsDoubleSlash?: 'required' | 'conventional';
  cloud?: Cloud;
  bare: boolean;
}

/** Splits a scope the way Entra does: the audience is everything before the last slash. */
export function scopeFacts(raw: string): ScopeFacts {
  const scope = raw.trim();
  const isDefault = scope.toLowerCase().endsWith(DEFAULT_SUFFIX);
  const lastSlash = scope.lastIndexOf('/');
  if (lastSlash <= 0) return { scope, isDefault: false, bare: true, permission: scope, api: 'Microsoft Graph' };
  const v1Audience = scope.slice(0, lastSlash);
  const resource = isDefault ? scope.slice(0, -DEFAULT_SUFFIX.length) : v1Audience;
  const permission = isDefault ? undefined : scope.slice(lastSlash + 1);
  const api = findMicrosoftApi(resource);
  const facts: ScopeFacts = { scope, isDefault, resource, v1Audience, permission, bare: false, api: api?.name };
  if (api?.trailingSlash) facts.needsDoubleSlash = api.trailingSlash;
  if (/^https?:\/\//i.test(resource)) facts.cloud = cloudForResourceHost(resource);
  return facts;
}

export function scopeHover(raw: string): string {
  const f = scopeFacts(raw);
  const out: string[] = [`**Scope** ${code(f.scope)}`, ''];
  if (f.bare) {
    out.push(`A permission without a resource: Entra reads it as Microsoft Graph (${code(`https://graph.microsoft.com/${f.scope}`)}).`);
    out.push('', `In the client-credentials (app-only) flow only ${code('https://graph.microsoft.com/.default')} works; a bare permission fails with AADSTS1002012. In a delegated (user) flow it is fine. Rule: ${ruleLink('scope/missing-default')}.`);
    return out.join('\n');
  }
  out.push(`- Resource: ${code(f.resource!)}${f.api ? ` (${f.api})` : ''}`);
  out.push(`- v1 token audience Entra derives (everything before the last slash): ${code(f.v1Audience!)}`);
  out.push(`- v2 token audience: the API's application (client) ID${/^[0-9a-f-]{36}$/i.test(f.resource!) ? ` ${code(f.resource!)}` : ''}`);
  if (f.cloud) out.push(`- Cloud: ${f.cloud.displayName}`);
  out.push('');
  if (f.isDefault) {
    out.push(`${code('/.default')} asks for every application permission (app role) already granted to the app for this resource — what the client-credentials flow requires.`);
    if (f.needsDoubleSlash && !f.resource!.endsWith('/')) {
      const fixed = `${f.resource}//.default`;
      out.push('', `⚠ ${f.api}'s identifier ends with "/": with a single slash the token's ${code('aud')} is ${code(f.resource!)} and the API ${f.needsDoubleSlash === 'required' ? 'rejects it' : 'may reject it'}. Use ${code(fixed)}. Rule: ${ruleLink('scope/v1-trailing-slash')}.`);
    } else if (f.needsDoubleSlash) {
      out.push('', `The double slash is right: ${f.api}'s identifier ends with "/", so the audience keeps it.`);
    }
    if (/^api:\/\//i.test(f.resource!)) {
      out.push('', `${code(f.resource!)} works only if it is the API's Application ID URI ("Expose an API"); otherwise AADSTS500011. The GUID form ${code('{clientId}/.default')} works without one.`);
    }
  } else {
    out.push(`A single permission (${code(f.permission!)}). Fine in a delegated (user) flow; in the client-credentials (app-only) flow Entra accepts only ${code(`${f.resource}/.default`)} and grants the app roles consented for the app. Rule: ${ruleLink('scope/missing-default')}.`);
  }
  return out.join('\n');
}

export interface IdentityValues {
  instance?: string;
  tenantId?: string;
  clientId?: string;
}

export type IdentityKey = 'clientid' | 'tenantid' | 'instance';

function portalAppUrl(cloud: Cloud, clientId: string): string | undefined {
  if (!cloud.portalHost || !isGuid(clientId)) return undefined;
  return `https://${cloud.portalHost}/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/${clientId.toLowerCase()}`;
}

function cloudOf(values: IdentityValues): { cloud: Cloud; known: boolean } {
  const info = values.instance ? classifyAuthorityHost(values.instance) : undefined;
  return info ? { cloud: info.cloud, known: true } : { cloud: PUBLIC_CLOUD, known: !values.instance };
}

export function identityHover(key: IdentityKey, values: IdentityValues): string {
  const { cloud, known } = cloudOf(values);
  const out: string[] = [];
  if (key === 'clientid') {
    out.push(`**ClientId** ${code(values.clientId ?? '')}`, '');
    out.push('The Application (client) ID of the app registration: the `client_id` the app sends to the token endpoint.');
  } else if (key === 'tenantid') {
    out.push(`**TenantId** ${code(values.tenantId ?? '')}`, '');
    out.push('The directory (tenant) ID or a verified domain of the tenant the app gets tokens from. A daemon needs a specific tenant: `common` and `organizations` do not work with client credentials.');
    out.push('', `Rule: ${ruleLink('config/tenant-not-specific')}.`);
  } else {
    out.push(`**Instance** ${code(values.instance ?? '')}`, '');
    out.push('The Entra authority host. The authority is Instance + TenantId (+ `/v2.0`); tokens of one cloud are not accepted in another.');
    if (!known) out.push('', `⚠ Not a Microsoft Entra authority host this tool knows. Rule: ${ruleLink('config/instance')}.`);
  }
  out.push('', `- Cloud: ${cloud.displayName}${known ? '' : ' (assumed)'}`);
  const tenant = values.tenantId?.trim();
  if (tenant && (isGuid(tenant) || tenant.includes('.'))) {
    out.push(`- Token endpoint: ${code(`https://${cloud.authorityHost}/${tenant}/oauth2/v2.0/token`)}`);
  }
  const portal = values.clientId ? portalAppUrl(cloud, values.clientId) : undefined;
  if (portal) out.push(`- [App registration in the portal](${portal})`);
  if (values.clientId && tenant) {
    try {
      const consent = buildAdminConsentUrl({ tenant, clientId: values.clientId, authorityHost: known ? values.instance : undefined });
      out.push(`- [Admin consent URL](${consent.url}) — open as an administrator`);
    } catch (err) {
      if (err instanceof ConsentUrlError) out.push(`- Admin consent URL: not available — ${err.message}`);
      else throw err;
    }
  }
  return out.join('\n');
}
