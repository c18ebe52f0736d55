// Admin-consent URLs (entra-facts.md §5.1) for every cloud, and the text a developer can send to
// an administrator, since a standard user cannot grant application permissions.
import { authorityOrigin, classifyAuthorityHost, cloudByName, CLOUDS, normalizeHost, PUBLIC_CLOUD } from '../knowledge/clouds';

export type ConsentVersion = 'v1' | 'v2';

export interface ConsentUrlInput {
  tenant: string;
  clientId: string;
  /** Cloud name ("public", "usgov", "china", "AzureUSGovernment"…); ignored when authorityHost is set. */
  cloud?: string;
  /** An authority host or URL ("https://login.microsoftonline.us"); the Instance of a config. */
  authorityHost?: string;
  /** Default: v2 when a scope is given, else the short v1 form the docs' quickstarts use. */
  version?: ConsentVersion;
  /** v2 only: `{resource}/.default` (space-separated for several resources). */
  scope?: string;
  redirectUri?: string;
  state?: string;
}

export interface ConsentUrl {
  url: string;
  version: ConsentVersion;
  /** "https://login.microsoftonline.us" */
  authority: string;
  cloud: string;
  tenant: string;
  clientId: string;
  scope?: string;
  /** Things to tell the user next to the link. */
  notes: string[];
}

export class ConsentUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConsentUrlError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

export const AADSTS50011_NOTE =
  'After the administrator accepts, Entra may show an error page "AADSTS50011: … no reply address is registered" (or a reply URL mismatch). The consent was still recorded; that page can be ignored.';

export function isGuid(s: string): boolean {
  return GUID.test(s);
}

/** The authority origin ("https://host") for a cloud name or an explicit host/URL. */
export function resolveAuthority(cloud?: string, authorityHost?: string): { origin: string; cloud: string } {
  if (authorityHost && authorityHost.trim()) {
    const raw = authorityHost.trim();
    const host = normalizeHost(raw);
    if (!host) throw new ConsentUrlError(`"${raw}" is not an authority host or URL.`);
    const known = classifyAuthorityHost(host);
    const loopback = host === 'localhost' || host === '127.0.0.1' || host === '::1';
    if (!known && !loopback) {
      throw new ConsentUrlError(`"${host}" is not a Microsoft Entra authority host. Known hosts: ${CLOUDS.filter((c) => !c.internal).map((c) => c.authorityHost).join(', ')}.`);
    }
    // Keep an explicit port for loopback (tests, emulators); Entra hosts are always https.
    const origin = loopback ? new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `http://${raw}`).origin : `https://${host}`;
    return { origin, cloud: known?.cloud.id ?? 'custom' };
  }
  if (cloud && cloud.trim()) {
    const c = cloudByName(cloud);
    if (!c) throw new ConsentUrlError(`Unknown cloud "${cloud}". Use one of: public, usgov, china (or AzurePublic, AzureUSGovernment, AzureChinaCloud).`);
    if (c.retired) throw new ConsentUrlError(`${c.displayName}: this cloud no longer accepts sign-ins.`);
    return { origin: authorityOrigin(c), cloud: c.id };
  }
  return { origin: authorityOrigin(PUBLIC_CLOUD), cloud: PUBLIC_CLOUD.id };
}

function checkTenant(tenant: string, version: ConsentVersion): string {
  const t = tenant.trim();
  if (!t) throw new ConsentUrlError('A tenant is required: the tenant ID (GUID) or a verified domain such as contoso.onmicrosoft.com.');
  const lower = t.toLowerCase();
  if (lower === 'consumers') throw new ConsentUrlError('"consumers" is the personal Microsoft account tenant: it has no administrator. Use the tenant ID of the organization.');
  if (lower === 'common' && version === 'v2') {
    throw new ConsentUrlError('The v2.0 admin-consent endpoint does not accept "common": use "organizations" or the tenant ID.');
  }
  if (lower === 'common' || lower === 'organizations') return lower;
  if (GUID.test(t)) return lower;
  if (DOMAIN.test(t)) return lower;
  throw new ConsentUrlError(`"${t}" is not a tenant ID (GUID) or a domain name — is it a placeholder left in the configuration?`);
}

function checkScope(scope: string): string {
  const scopes = scope.trim().split(/\s+/).filter(Boolean);
  if (scopes.length === 0) throw new ConsentUrlError('The v2.0 admin-consent URL needs a scope: the API followed by /.default, e.g. https://graph.microsoft.com/.default.');
  const bad = scopes.find((s) => !s.toLowerCase().endsWith('/.default'));
  if (bad) {
    throw new ConsentUrlError(`Scope "${bad}" does not end in /.default. Application permissions are consented with {resource}/.default, e.g. https://graph.microsoft.com/.default.`);
  }
  return scopes.join(' ');
}

function checkRedirectUri(uri: string): string {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    throw new ConsentUrlError(`Redirect URI "${uri}" is not an absolute URL; it must match one registered on the app.`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new ConsentUrlError(`Redirect URI "${uri}" must be an http(s) URL.`);
  return uri;
}

export function buildAdminConsentUrl(input: ConsentUrlInput): ConsentUrl {
  const clientId = input.clientId.trim();
  if (!GUID.test(clientId)) {
    // A client secret pasted into the wrong field is a common mix-up: never repeat one back (they contain '~').
    const shown = clientId.includes('~') || clientId.length > 64 ? `(${clientId.length} characters, shaped like a client secret — not repeated here)` : `"${clientId}"`;
    throw new ConsentUrlError(`Client ID ${shown} is not a GUID: use the Application (client) ID from the app registration's Overview page.`);
  }
  const version: ConsentVersion = input.version ?? (input.scope ? 'v2' : 'v1');
  const tenant = checkTenant(input.tenant, version);
  const { origin, cloud } = resolveAuthority(input.cloud, input.authorityHost);

  const params = new URLSearchParams({ client_id: clientId.toLowerCase() });
  let scope: string | undefined;
  if (version === 'v2') {
    scope = checkScope(input.scope ?? '');
    params.set('scope', scope);
  } else if (input.scope) {
    throw new ConsentUrlError('The v1 admin-consent URL has no scope: it grants every permission configured on the app registration. Use the v2 form to pass a scope.');
  }
  if (input.redirectUri) params.set('redirect_uri', checkRedirectUri(input.redirectUri));
  if (input.state) params.set('state', input.state);

  const path = version === 'v2' ? `${encodeURIComponent(tenant)}/v2.0/adminconsent` : `${encodeURIComponent(tenant)}/adminconsent`;
  const url = `${origin}/${path}?${params.toString()}`;

  const notes: string[] = [];
  notes.push('Open the link signed in as an administrator who may grant tenant-wide consent (a standard user cannot grant application permissions).');
  notes.push(
    version === 'v1'
      ? 'It grants every application permission configured under the app registration\'s "API permissions".'
      : `It grants the application permissions configured under "API permissions" for ${scope!.split(' ').map((s) => s.slice(0, -'/.default'.length)).join(', ')}.`,
  );
  if (!input.redirectUri) notes.push(AADSTS50011_NOTE);
  else notes.push('The redirect receives admin_consent=True and the tenant; do not trust the returned tenant value for authorization.');
  notes.push('Alternative: Entra admin center → Enterprise applications → this app → Permissions → "Grant admin consent".');
  return { url, version, authority: origin, cloud, tenant, clientId: clientId.toLowerCase(), scope, notes };
}

export interface AdminRequestInput {
  consent: ConsentUrl;
  appName?: string;
  /** The API the permissions are for, e.g. "Microsoft Graph" or "api://my-api". */
  apiName?: string;
  /** Permissions (app role values) the app needs, when known. */
  permissions?: string[];
}

/** A message the developer can paste into a ticket or mail to their administrator. */
export function adminRequestText(input: AdminRequestInput): string {
  const { consent } = input;
  const app = input.appName ? `"${input.appName}" (client ID ${consent.clientId})` : `with client ID ${consent.clientId}`;
  const perms = input.permissions?.length ? input.permissions.join(', ') : undefined;
  const what = perms
    ? `the application permissions ${perms}${input.apiName ? ` on ${input.apiName}` : ''}`
    : `the application permissions configured on its registration${input.apiName ? ` for ${input.apiName}` : ''}`;
  const lines = [
    'Hello,',
    '',
    `Could you grant admin consent for the application ${app} in our tenant ${consent.tenant}?`,
    '',
    `It runs without a signed-in user (client credentials) and needs ${what}. Consent makes these permissions effective for the app across the tenant; it grants nothing to any user.`,
    '',
    'Consent link (sign in as an administrator who may grant tenant-wide consent):',
    consent.url,
    '',
    'After accepting, a page saying "AADSTS50011 … no reply address" may appear: the consent was still recorded and the page can be ignored.',
    'Alternatively: Entra admin center → Enterprise applications → this app → Permissions → "Grant admin consent".',
    '',
    'Thank you!',
  ];
  return lines.join('\n');
}
