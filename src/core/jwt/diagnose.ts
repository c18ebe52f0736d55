// What is wrong with an app token, in the order a daemon developer hits it: no roles (consent),
// wrong audience (trailing slash), wrong version, expired, wrong tenant/app, missing roles,
// a user token where an app token was expected. entra-facts.md §3–§5.
import { adminRequestText, buildAdminConsentUrl, ConsentUrl, ConsentUrlError, isGuid } from '../consent';
import { classifyAuthorityHost } from '../knowledge/clouds';
import type { DecodedJwt } from './decode';
import { formatRelative, summarize, TokenSummary } from './explain';
import { canonicalResource, findMicrosoftApi } from './microsoft-apis';

export type DiagnosisSeverity = 'error' | 'warning' | 'info';

export type DiagnosisActionKind = 'openConsentUrl' | 'copyConsentUrl' | 'copyAdminRequest' | 'openUrl' | 'refresh';

export interface DiagnosisAction {
  kind: DiagnosisActionKind;
  label: string;
  url?: string;
  /** Text to copy (the administrator request). */
  text?: string;
}

export interface Diagnosis {
  /** Stable id, e.g. "token/no-roles-microsoft-api". */
  id: string;
  severity: DiagnosisSeverity;
  title: string;
  explanation: string;
  action?: DiagnosisAction;
  moreActions?: DiagnosisAction[];
}

export interface DiagnosisContext {
  /** The scope (v2, `…/.default`) or resource (v1) the token was requested for. */
  requestedScope?: string;
  /** Roles the API requires (config `RequiredRoles`-style list or typed in by the user). */
  expectedRoles?: string[];
  /** Tenant from the configuration (GUID or domain). */
  configuredTenant?: string;
  /** Client ID from the configuration. */
  clientId?: string;
  appName?: string;
  /** Cloud name or authority host/URL for the consent link; default: derived from the token's issuer. */
  cloud?: string;
  authorityHost?: string;
  /** Token version the API accepts, when known. */
  expectedVersion?: '1.0' | '2.0';
  /** true: an app-only token was expected (client credentials); undefined: unknown. */
  expectAppToken?: boolean;
  now?: Date;
}

export interface Verdict {
  status: 'ok' | DiagnosisSeverity;
  text: string;
  action?: DiagnosisAction;
}

export interface TokenDiagnosis {
  summary: TokenSummary;
  diagnosis: Diagnosis[];
  verdict: Verdict;
  consent?: ConsentUrl;
  adminRequest?: string;
}

/** Entra validators commonly allow 5 minutes of clock skew. */
const SKEW_SECONDS = 300;

const GROUP_LIMITATION =
  'Assigning the app role to a group that contains the app\'s service principal does not work: Entra puts no roles from group membership into app-only tokens. The role must be granted to the service principal itself, which is what admin consent does.';

/** "https://database.windows.net//.default" → "https://database.windows.net/" (everything before the last slash, §3.3). */
export function resourceFromScope(scope: string): string {
  const s = scope.trim().split(/\s+/)[0] ?? '';
  if (/\/\.default$/i.test(s)) return s.slice(0, -'/.default'.length);
  return s;
}

function consentFor(summary: TokenSummary, ctx: DiagnosisContext): ConsentUrl | undefined {
  const clientId = ctx.clientId ?? summary.clientId;
  // Consent happens in the tenant that issued the token (the configured one when comparable).
  const tenant = ctx.configuredTenant && ctx.configuredTenant.toLowerCase() !== 'organizations' && ctx.configuredTenant.toLowerCase() !== 'common' ? ctx.configuredTenant : summary.tenantId;
  if (!clientId || !tenant) return undefined;
  let authorityHost = ctx.authorityHost;
  if (!authorityHost && !ctx.cloud && summary.issuer) {
    const known = classifyAuthorityHost(summary.issuer);
    if (known) authorityHost = known.cloud.authorityHost;
  }
  try {
    return buildAdminConsentUrl({ tenant, clientId, cloud: ctx.cloud, authorityHost });
  } catch (err) {
    if (err instanceof ConsentUrlError) return undefined;
    throw err;
  }
}

export function diagnoseToken(decoded: DecodedJwt, ctx: DiagnosisContext = {}): TokenDiagnosis {
  const now = ctx.now ?? new Date();
  const s = summarize(decoded, now);
  const out: Diagnosis[] = [];
  const api = s.audience ? findMicrosoftApi(s.audience) : undefined;
  const apiLabel = api?.name ?? (s.audience ? `your API (${s.audience})` : 'the API');
  let consent: ConsentUrl | undefined;
  let adminRequest: string | undefined;

  const expectApp = ctx.expectAppToken;
  const isApp = s.kind === 'app' || (s.kind === 'unknown' && expectApp === true);

  // A user token where an app token was expected.
  if (s.kind === 'delegated' && expectApp !== false) {
    out.push({
      id: 'token/delegated',
      severity: expectApp ? 'error' : 'info',
      title: expectApp ? 'A delegated (user) token, not an app-only token' : 'A delegated (user) token',
      explanation: `${s.kindReason}${s.scopes.length ? ` Scopes: ${s.scopes.join(', ')}.` : ''} A daemon gets app-only tokens with the client credentials grant (scope {resource}/.default); its permissions are app roles in "roles", not scopes.`,
    });
  }
  if (s.kind === 'unknown' && !s.tenantId) {
    out.push({
      id: 'token/not-entra',
      severity: 'warning',
      title: 'Does not look like an Entra access token',
      explanation: s.kindReason,
    });
  }

  // No roles: nothing was granted (or not consented) for this API.
  if (isApp && s.roles.length === 0) {
    consent = consentFor(s, ctx);
    if (consent) {
      adminRequest = adminRequestText({ consent, appName: ctx.appName, apiName: api?.name ?? s.audience, permissions: ctx.expectedRoles });
    }
    const consentActions = (): Pick<Diagnosis, 'action' | 'moreActions'> =>
      consent
        ? {
            action: { kind: 'openConsentUrl', label: 'Open consent page', url: consent.url },
            moreActions: [
              { kind: 'copyConsentUrl', label: 'Copy consent URL', url: consent.url },
              { kind: 'copyAdminRequest', label: 'Copy a request for your administrator', text: adminRequest },
            ],
          }
        : {};
    if (api?.grantedIn) {
      // Azure services authorise the service principal in the service itself, not with app roles.
      out.push({
        id: 'token/no-roles-expected',
        severity: 'info',
        title: `No roles — normal for ${api.name}`,
        explanation:
          `${api.name} does not use app roles: a token without "roles" is expected, and admin consent changes nothing. ` +
          `Access is granted in ${api.grantedIn}.`,
      });
    } else if (api) {
      out.push({
        id: 'token/no-roles-microsoft-api',
        severity: 'error',
        title: `No roles: no application permission of ${api.name} is granted (admin consent missing?)`,
        explanation:
          `Entra issues app-only tokens even when nothing is granted; ${api.name} then answers 401/403 (Graph: "Authorization_RequestDenied", "Insufficient privileges"). ` +
          `In the app registration open "API permissions" → "Add a permission" → ${api.name} → "Application permissions" (not delegated), pick what the app needs, then "Grant admin consent". ` +
          `Only an administrator can consent; a standard user can send the request below. ${GROUP_LIMITATION}`,
        ...consentActions(),
      });
    } else {
      out.push({
        id: 'token/no-roles-own-api',
        severity: 'error',
        title: 'No roles: no app role of your API is assigned to this app (admin consent missing?)',
        explanation:
          `Entra issues app-only tokens even when nothing is granted, and ${apiLabel} must then reject them (Microsoft.Identity.Web: IDW10201 "Neither scope nor roles claim was found"). ` +
          'On the API\'s app registration define app roles with allowed member types "Applications"; on the client\'s registration add them under "API permissions" → "My APIs" → "Application permissions"; then grant admin consent. ' +
          `${GROUP_LIMITATION} To stop role-less tokens being issued at all, set "Assignment required" on the API's enterprise application.`,
        ...consentActions(),
      });
    }
  }

  // Expected roles missing.
  if (ctx.expectedRoles?.length && s.roles.length > 0) {
    const missing = ctx.expectedRoles.filter((r) => !s.roles.includes(r));
    if (missing.length) {
      const caseOnly = missing.filter((r) => s.roles.some((g) => g.toLowerCase() === r.toLowerCase()));
      consent ??= consentFor(s, ctx);
      if (consent) adminRequest ??= adminRequestText({ consent, appName: ctx.appName, apiName: api?.name ?? s.audience, permissions: missing });
      out.push({
        id: 'token/expected-roles-missing',
        severity: 'error',
        title: `Missing role${missing.length === 1 ? '' : 's'}: ${missing.join(', ')}`,
        explanation:
          `The token has ${s.roles.join(', ')} but not ${missing.join(', ')}. Add ${missing.length === 1 ? 'it' : 'them'} under the client's "API permissions" as application permissions, grant admin consent again, then get a new token (tokens never gain roles after issue).` +
          (caseOnly.length ? ` Note: ${caseOnly.join(', ')} differ only in letter case from a granted role; role values are compared exactly.` : ''),
        ...(consent
          ? {
              action: { kind: 'openConsentUrl' as const, label: 'Open consent page', url: consent.url },
              moreActions: [
                { kind: 'copyConsentUrl' as const, label: 'Copy consent URL', url: consent.url },
                { kind: 'copyAdminRequest' as const, label: 'Copy a request for your administrator', text: adminRequest },
              ],
            }
          : {}),
      });
    }
  }

  // Audience vs requested resource, and the trailing-slash resources.
  if (s.audience) diagnoseAudience(s, ctx, out);

  // Token version vs what the API accepts.
  if (ctx.expectedVersion && s.version !== 'unknown' && s.version !== ctx.expectedVersion && !api) {
    out.push({
      id: 'token/version-mismatch',
      severity: 'error',
      title: `v${s.version} token, but the API expects v${ctx.expectedVersion}`,
      explanation:
        `The version is chosen by the API's registration (manifest accessTokenAcceptedVersion: null or 1 → v1.0, 2 → v2.0), not by the endpoint the client called. ` +
        (ctx.expectedVersion === '2.0'
          ? 'Set accessTokenAcceptedVersion to 2 on the API\'s registration, or make the API accept the v1 issuer https://sts.windows.net/{tenant}/ and the App ID URI as audience.'
          : 'Set accessTokenAcceptedVersion to null or 1, or make the API accept the v2 issuer …/{tenant}/v2.0 and its client ID as audience.'),
    });
  } else if (!ctx.expectedVersion && !api && isApp && s.version !== 'unknown') {
    out.push({
      id: 'token/version',
      severity: 'info',
      title: `A v${s.version} token`,
      explanation:
        s.version === '1.0'
          ? `Issuer https://sts.windows.net/{tenant}/, audience as requested (${s.audience ?? '?'}). The API's registration asks for v1 tokens (accessTokenAcceptedVersion null or 1); an API that only accepts the v2 issuer rejects it.`
          : 'Issuer …/{tenant}/v2.0 and the API\'s client ID as audience. The API\'s registration sets accessTokenAcceptedVersion to 2; an API that only accepts the v1 issuer or its App ID URI as audience rejects it.',
    });
  }

  // Lifetime.
  const nowS = now.getTime() / 1000;
  const exp = typeof decoded.claims.exp === 'number' ? decoded.claims.exp : undefined;
  const nbf = typeof decoded.claims.nbf === 'number' ? decoded.claims.nbf : undefined;
  if (exp !== undefined && exp <= nowS) {
    out.push({
      id: 'token/expired',
      severity: 'error',
      title: `Expired ${formatRelative(exp - nowS)}`,
      explanation: 'APIs reject expired tokens (401). Get a new token; MSAL returns a cached one until shortly before expiry, so force a refresh only if the cache is stale.',
      action: { kind: 'refresh', label: 'Get a new token' },
    });
  } else if (exp !== undefined && exp - nowS < SKEW_SECONDS) {
    out.push({
      id: 'token/expires-soon',
      severity: 'info',
      title: `Expires ${formatRelative(exp - nowS)}`,
      explanation: 'Get a new token before calling the API again.',
      action: { kind: 'refresh', label: 'Get a new token' },
    });
  }
  if (nbf !== undefined && nbf > nowS) {
    out.push({
      id: 'token/not-yet-valid',
      severity: nbf - nowS > SKEW_SECONDS ? 'error' : 'warning',
      title: `Not valid yet (valid ${formatRelative(nbf - nowS)})`,
      explanation: 'The token\'s "not before" time is in the future: this machine\'s clock (or the API server\'s) is probably wrong. Sync the clock; validators allow only a few minutes of skew.',
    });
  }
  if (exp === undefined && isApp) {
    out.push({ id: 'token/no-expiry', severity: 'warning', title: 'No expiry (exp) claim', explanation: 'Entra access tokens always carry exp; this token was not issued by Entra or was altered.' });
  }

  // Tenant and client.
  const configured = ctx.configuredTenant?.trim().toLowerCase();
  if (configured && s.tenantId && isGuid(configured) && configured !== s.tenantId.toLowerCase()) {
    out.push({
      id: 'token/tenant-mismatch',
      severity: 'error',
      title: 'Issued by another tenant than the configured one',
      explanation: `The token's tenant (tid) is ${s.tenantId}, the configuration says ${ctx.configuredTenant}. An API that checks the tenant rejects it, and the permissions were granted (or not) in ${s.tenantId}. Check TenantId/Authority in the configuration.`,
    });
  }
  if (ctx.clientId && s.clientId && ctx.clientId.trim().toLowerCase() !== s.clientId.toLowerCase()) {
    out.push({
      id: 'token/client-mismatch',
      severity: 'warning',
      title: 'Issued to another app than the configured client',
      explanation: `The token's client (${s.version === '2.0' ? 'azp' : 'appid'}) is ${s.clientId}, the configuration's ClientId is ${ctx.clientId}. The roles shown are those of ${s.clientId}.`,
    });
  }

  // Graph tokens: never "verify" them.
  if (s.graphNonce) {
    out.push({
      id: 'token/graph-not-verifiable',
      severity: 'info',
      title: 'Microsoft Graph token: its signature cannot be checked here',
      explanation: 'Graph tokens carry a nonce in the header that Graph processes before checking the signature, so every validator outside Graph reports an invalid signature. That is expected; only Graph validates these tokens. Do not validate them in your own code either.',
    });
  }

  return { summary: s, diagnosis: out, verdict: verdictOf(s, out, isApp), consent, adminRequest };
}

function diagnoseAudience(s: TokenSummary, ctx: DiagnosisContext, out: Diagnosis[]): void {
  const aud = s.audience!;
  const api = findMicrosoftApi(aud);
  const canonical = api ? canonicalResource(api, aud) : undefined;
  const requested = ctx.requestedScope ? resourceFromScope(ctx.requestedScope) : undefined;

  // The trailing-slash resources: the API compares aud exactly (§3.3–3.4).
  if (api?.trailingSlash && canonical && canonical.endsWith('/') && !aud.endsWith('/')) {
    const required = api.trailingSlash === 'required';
    out.push({
      id: 'token/audience-trailing-slash',
      severity: required ? 'error' : 'warning',
      title: `Audience "${aud}" lacks the trailing slash that ${api.name} ${required ? 'requires' : 'expects'}`,
      explanation:
        `Entra takes the audience from everything before the last "/" of the scope, so "${canonical}.default" yields "${aud}". ` +
        `Request "${canonical}/.default" (two slashes) to get the audience "${canonical}".` +
        (required ? ' With the single slash, SQL rejects the login ("Login failed for user \'NT AUTHORITY\\ANONYMOUS LOGON\'").' : ' The single-slash form may work but is non-standard.'),
    });
    return;
  }
  if (!requested) return;
  const a = aud.toLowerCase();
  const r = requested.toLowerCase();
  if (a === r) return;
  if (a.replace(/\/+$/, '') === r.replace(/\/+$/, '')) {
    out.push({
      id: 'token/audience-differs-slash',
      severity: 'warning',
      title: `Audience "${aud}" differs from the requested resource "${requested}" by a trailing slash`,
      explanation: 'APIs compare the audience exactly. Entra takes the audience from everything before the last "/" of the scope: write the scope as resource + "/.default", e.g. "https://database.windows.net//.default" for "https://database.windows.net/".',
    });
    return;
  }
  const audIsGuid = isGuid(aud);
  const reqIsGuid = isGuid(requested);
  if (audIsGuid !== reqIsGuid) {
    // v2 tokens carry the API's client ID even when requested by App ID URI (and v1 may carry either).
    if (!api) {
      out.push({
        id: 'token/audience-form',
        severity: 'info',
        title: audIsGuid ? 'Audience is the API\'s client ID' : 'Audience is the App ID URI',
        explanation: audIsGuid
          ? `You asked for "${requested}"; v2.0 tokens always carry the API's client ID as audience. The API must accept ${aud} as audience.`
          : `You asked for "${requested}"; this v1.0 token carries the App ID URI as audience. The API must accept "${aud}" as audience.`,
      });
    }
    return;
  }
  if (api && findMicrosoftApi(requested) === api) return;
  out.push({
    id: 'token/audience-mismatch',
    severity: 'error',
    title: `Audience "${aud}" is not the requested resource "${requested}"`,
    explanation: 'The token is for another API than the one configured: the API will reject it (401, invalid audience). Check the scope (resource + "/.default") and the App ID URI of the API.',
  });
}

function verdictOf(s: TokenSummary, diags: Diagnosis[], isApp: boolean): Verdict {
  const worst: Verdict['status'] = diags.some((d) => d.severity === 'error') ? 'error' : diags.some((d) => d.severity === 'warning') ? 'warning' : 'ok';
  const firstError = diags.find((d) => d.severity === 'error');
  const noRoles = diags.find((d) => d.id.startsWith('token/no-roles') && d.id !== 'token/no-roles-expected');
  const rolesNotUsed = diags.find((d) => d.id === 'token/no-roles-expected');
  if (noRoles) {
    return { status: 'error', text: '✖ no roles: admin consent missing', action: noRoles.action };
  }
  if (s.kind === 'delegated' && firstError?.id === 'token/delegated') {
    return { status: 'error', text: `✖ delegated token${s.scopes.length ? ` (scopes ${s.scopes.join(', ')})` : ''}, not app-only` };
  }
  const roles = s.roles.length
    ? `roles ${s.roles.join(', ')}`
    : s.scopes.length
      ? `scopes ${s.scopes.join(', ')}`
      : rolesNotUsed
        ? `app-only token; ${rolesNotUsed.title.replace(/^No roles — n/, 'no roles, n')}`
        : isApp
          ? 'no roles'
          : 'decoded';
  if (firstError) return { status: 'error', text: `✖ ${roles} — ${firstError.title}`, action: firstError.action };
  return { status: worst, text: `${worst === 'ok' ? '✔' : '⚠'} ${roles}` };
}
