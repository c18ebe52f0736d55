// Hover texts (Markdown) for scope values and ClientId/TenantId/Instance. Pure: no 'vscode' import,
// so it can move to src/core (for a language server or the CLI's `explain`) without changes.
// Values come from a possibly hostile workspace: they are shown in code spans only, never as links or HTML.
import { buildAdminConsentUrl, ConsentUrlError, isGuid } from '../core/consent/index';
import { classifyAuthorityHost, cloudForResourceHost, CLOUDS, PUBLIC_CLOUD, type Cloud } from '../core/knowledge/clouds';
import { defaultScopeOf } from '../core/knowledge/resources';
import { ruleDocsUrl } from '../core/lint/index';
import { audienceOf, defaultScopeFor, parseScope, resourceLabel } from '../core/scope';

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

/** Scope hover: the resource and audience Entra derives (core/scope), v1/v2, and why the value is right or wrong. */
export function scopeHover(raw: string): string {
  const s = parseScope(raw);
  const out: string[] = [`**Scope** ${code(s.value)}`, ''];
  const audience = audienceOf(s);
  const label = resourceLabel(s);
  const known = s.wellKnown && s.wellKnown.matchedBy !== 'host' ? s.wellKnown.resource : undefined;
  const cloud = known ? CLOUDS.find((c) => c.id === known.cloud) : s.host ? cloudForResourceHost(s.host) : undefined;
  const appOnly = defaultScopeFor(s);

  if (s.resource === undefined && !s.isOidc && !s.isDefault) {
    out.push(`- Resource: Microsoft Graph (a permission without a resource means Graph: ${code(`https://graph.microsoft.com/${s.value}`)})`);
  } else if (s.resource) {
    out.push(`- Resource: ${code(s.resource)}${label !== s.resource ? ` (${label})` : ''}`);
  }
  if (audience.v1) out.push(`- v1.0 token audience Entra derives (everything before the last slash): ${code(audience.v1)}`);
  out.push(`- v2.0 token audience: the API's application (client) ID${audience.v2 ? ` ${code(audience.v2)}` : ''}`);
  if (audience.tokenVersion) out.push(`- ${label} receives v${audience.tokenVersion}.0 tokens${audience.expected ? `; it expects the audience ${code(audience.expected)}` : ''}`);
  if (cloud) out.push(`- Cloud: ${cloud.displayName}`);
  out.push('');

  for (const p of s.problems) out.push(`⚠ ${p.message}${p.suggestion ? ` — use ${code(p.suggestion)}` : ''}.`, '');
  if (s.isOidc) {
    out.push(`An OpenID Connect scope: it never works with client credentials (AADSTS1002012). Rule: ${ruleLink('scope/malformed')}.`);
  } else if (s.isDefault) {
    out.push(`${code('/.default')} asks for every application permission (app role) already granted to the app for this resource — what the client-credentials flow requires.`);
    if (known?.trailingSlash && s.wellKnown?.slashDiffers) {
      out.push('', `⚠ ${known.displayName}'s identifier is ${code(known.identifier)} (ending with "/"): with a single slash the token's ${code('aud')} is ${code(s.resource ?? '')} and the API ${known.singleSlash === 'rejected' ? 'rejects it' : 'may reject it'}. Use ${code(defaultScopeOf(known))}. Rule: ${ruleLink('scope/v1-trailing-slash')}.`);
    } else if (known?.trailingSlash) {
      out.push('', `The double slash is right: ${known.displayName}'s identifier ends with "/", and the audience keeps it.`);
    }
    if (s.resource && /^api:\/\//i.test(s.resource)) {
      out.push('', `${code(s.resource)} works only if it is the API's Application ID URI ("Expose an API"); otherwise AADSTS500011. The GUID form ${code('{clientId}/.default')} works without one.`);
    }
  } else if (s.permission) {
    out.push(`A single permission (${code(s.permission)}). Fine in a delegated (user) flow; in the client-credentials (app-only) flow Entra accepts only ${appOnly ? code(appOnly) : code('{resource}/.default')} and grants the app roles consented for the app. Rule: ${ruleLink('scope/missing-default')}.`);
  }
  return out.join('\n').replace(/\n+$/, '');
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
