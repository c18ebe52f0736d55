// Microsoft Entra clouds: which hosts belong to which cloud (entra-facts.md §5.2).
// Used by the linter (Instance vs Graph host mismatch), the token client (is this authority
// host one we may send a secret to?) and the consent-URL builder.
//
// Every function accepts either a bare host ("login.microsoftonline.com"), a host with a port,
// or a full URL ("https://login.microsoftonline.com/contoso.onmicrosoft.com/"); matching is
// case-insensitive and ignores a trailing dot.

import { rows, words } from './table';

export type CloudId = 'public' | 'usgov' | 'china' | 'germany' | 'bleu' | 'delos' | 'govsg' | 'ppe';

export interface Cloud {
  id: CloudId;
  /** Human name, e.g. "US Government (GCC High / DoD)". */
  displayName: string;
  /** Preferred Entra authority host, without scheme, e.g. "login.microsoftonline.us". */
  authorityHost: string;
  /** Other hosts that serve the same Entra instance (MSAL's instance-discovery aliases). */
  authorityAliases: readonly string[];
  /** Microsoft Graph hosts of this cloud, the first one preferred. Empty when unknown. */
  graphHosts: readonly string[];
  /** Azure portal host, when the cloud has one. */
  portalHost?: string;
  /** Host suffixes of Azure resources in this cloud (SQL, ARM, Key Vault...), matched as "*.suffix" or exact. */
  resourceHostSuffixes: readonly string[];
  /** Azure AD B2C host suffix of this cloud ("{tenant}.b2clogin.com"). */
  b2cHostSuffix?: string;
  /** Entra External ID (CIAM) host suffix ("{tenant}.ciamlogin.com"). */
  ciamHostSuffix?: string;
  /** The cloud no longer accepts sign-ins (Microsoft Cloud Deutschland closed 2021-10-29). */
  retired?: boolean;
  /** Not for customers (Microsoft pre-production). */
  internal?: boolean;
}

/**
 * One cloud per line: id | display name | authority host | its aliases | Graph hosts | portal host |
 * B2C host suffix | CIAM host suffix | retired or internal.
 */
const TABLE = `
public|Azure public (worldwide)|login.microsoftonline.com|login.windows.net login.microsoft.com sts.windows.net|graph.microsoft.com graph.windows.net|portal.azure.com|b2clogin.com|ciamlogin.com
usgov|US Government (GCC High / DoD)|login.microsoftonline.us|login.usgovcloudapi.net login-us.microsoftonline.com|graph.microsoft.us dod-graph.microsoft.us|portal.azure.us
china|Azure China (21Vianet)|login.partner.microsoftonline.cn|login.chinacloudapi.cn|microsoftgraph.chinacloudapi.cn|portal.azure.cn|b2clogin.cn
germany|Microsoft Cloud Deutschland (closed 2021-10-29)|login.microsoftonline.de||graph.microsoft.de|portal.microsoftazure.de|||retired
bleu|Bleu (France sovereign cloud)|login.sovcloud-identity.fr
delos|Delos (Germany sovereign cloud)|login.sovcloud-identity.de
govsg|Singapore government sovereign cloud|login.sovcloud-identity.sg
ppe|Microsoft pre-production (PPE)|login.windows-ppe.net||||||internal
`;

/** Host suffixes of Azure resources per cloud (a cloud not listed has none we know). */
const RESOURCE_HOST_SUFFIXES: Partial<Record<CloudId, string>> = {
  public: `database.windows.net management.azure.com management.core.windows.net vault.azure.net managedhsm.azure.com
storage.azure.com core.windows.net servicebus.windows.net eventhubs.azure.net cognitiveservices.azure.com outlook.office.com
outlook.office365.com manage.office.com api.loganalytics.io kusto.windows.net azure.com sharepoint.com dynamics.com`,
  usgov: `database.usgovcloudapi.net management.usgovcloudapi.net management.core.usgovcloudapi.net vault.usgovcloudapi.net
usgovcloudapi.net azure.us office365.us sharepoint.us microsoft.us`,
  china: `database.chinacloudapi.cn management.chinacloudapi.cn management.core.chinacloudapi.cn vault.azure.cn chinacloudapi.cn
azure.cn partner.outlook.cn sharepoint.cn`,
  germany: 'cloudapi.de microsoftazure.de',
};

export const CLOUDS: readonly Cloud[] = rows(TABLE, 9).map(([id = '', displayName = '', authorityHost = '', aliases = '', graph = '', portalHost, b2cHostSuffix, ciamHostSuffix, status]) => ({
  id: id as CloudId,
  displayName,
  authorityHost,
  authorityAliases: words(aliases),
  graphHosts: words(graph),
  ...(portalHost ? { portalHost } : {}),
  resourceHostSuffixes: words(RESOURCE_HOST_SUFFIXES[id as CloudId] ?? ''),
  ...(b2cHostSuffix ? { b2cHostSuffix } : {}),
  ...(ciamHostSuffix ? { ciamHostSuffix } : {}),
  ...(status === 'retired' ? { retired: true } : {}),
  ...(status === 'internal' ? { internal: true } : {}),
}));

export const PUBLIC_CLOUD: Cloud = CLOUDS[0]!;

/** Regional ESTS hosts: "{region}.login.microsoft.com" (MSAL AzureRegion) belong to the public cloud. */
const REGIONAL_PUBLIC = /^[a-z0-9-]+\.login\.microsoft\.com$/;

/** What kind of authority a host is. `undefined` from {@link classifyAuthorityHost} = not an Entra host we know. */
export type AuthorityHostKind = 'entra' | 'regional' | 'b2c' | 'ciam';

export interface AuthorityHostInfo {
  kind: AuthorityHostKind;
  cloud: Cloud;
  /** The normalised host that was classified. */
  host: string;
}

/**
 * Lower-cases and strips scheme, path, port, userinfo and a trailing dot.
 * Returns '' for input that has no host at all.
 */
export function normalizeHost(hostOrUrl: string): string {
  if (isPlainHost(hostOrUrl)) return hostOrUrl;
  let s = hostOrUrl.trim();
  // The same steps on offsets, with one slice at the end (this runs for every scope and URL of a file);
  // an IPv6 literal takes the steps below.
  let start = schemeLength(s);
  let end = s.length;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2f || c === 0x3f || c === 0x23) end = i; // first '/', '?' or '#': the rest goes
  }
  for (let i = end - 1; i >= start; i--) {
    if (s.charCodeAt(i) === 0x40) {
      start = i + 1; // userinfo@
      break;
    }
  }
  if (s.charCodeAt(start) !== 0x5b /* [ */) {
    // `:\d*$`: the run of digits at the end, preceded by ':'.
    let digits = end;
    while (digits > start && s.charCodeAt(digits - 1) >= 0x30 && s.charCodeAt(digits - 1) <= 0x39) digits--;
    if (digits > start && s.charCodeAt(digits - 1) === 0x3a) end = digits - 1;
    if (end > start && s.charCodeAt(end - 1) === 0x2e) end--;
    return s.slice(start, end).toLowerCase();
  }
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(s);
  if (scheme) s = s.slice(scheme[0].length);
  s = s.replace(/[/?#].*$/s, '');
  const at = s.lastIndexOf('@');
  if (at >= 0) s = s.slice(at + 1);
  if (s.startsWith('[')) {
    // IPv6 literal: keep the brackets' content, drop the port.
    const end = s.indexOf(']');
    return (end > 0 ? s.slice(1, end) : s.slice(1)).toLowerCase();
  }
  s = s.replace(/:\d*$/, '');
  return s.replace(/\.$/, '').toLowerCase();
}

/** Length of a leading `scheme://` (what /^[a-z][a-z0-9+.-]*:\/\//i matches), or 0. */
function schemeLength(s: string): number {
  const first = s.charCodeAt(0) | 0x20;
  if (!(first >= 0x61 && first <= 0x7a)) return 0;
  let i = 1;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const l = c | 0x20;
    if (!((l >= 0x61 && l <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2e || c === 0x2d)) break;
  }
  return s.charCodeAt(i) === 0x3a && s.charCodeAt(i + 1) === 0x2f && s.charCodeAt(i + 2) === 0x2f ? i + 3 : 0;
}

/** Already normalised: lower-case letters, digits, '-' and inner dots only (the common case, no regex needed). */
function isPlainHost(s: string): boolean {
  if (!s || s.charCodeAt(s.length - 1) === 0x2e) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e)) return false;
  }
  return true;
}

/** A strict "{label}.{suffix}" match, as used by B2C and CIAM tenant hosts. */
function isTenantSubdomain(host: string, suffix: string): boolean {
  if (!host.endsWith('.' + suffix)) return false;
  const label = host.slice(0, -(suffix.length + 1));
  return /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(label);
}

/** Classifies a host as an Entra authority (which cloud, plain / regional / B2C / CIAM), or undefined. */
export function classifyAuthorityHost(hostOrUrl: string): AuthorityHostInfo | undefined {
  const host = normalizeHost(hostOrUrl);
  if (!host) return undefined;
  for (const cloud of CLOUDS) {
    if (host === cloud.authorityHost || cloud.authorityAliases.includes(host)) {
      return { kind: 'entra', cloud, host };
    }
  }
  if (REGIONAL_PUBLIC.test(host)) return { kind: 'regional', cloud: PUBLIC_CLOUD, host };
  for (const cloud of CLOUDS) {
    if (cloud.b2cHostSuffix && isTenantSubdomain(host, cloud.b2cHostSuffix)) return { kind: 'b2c', cloud, host };
    if (cloud.ciamHostSuffix && isTenantSubdomain(host, cloud.ciamHostSuffix)) return { kind: 'ciam', cloud, host };
  }
  return undefined;
}

/**
 * True when the host is a Microsoft Entra authority of any cloud: the main host or an alias,
 * a regional public host, an Azure AD B2C host (`*.b2clogin.com`, `*.b2clogin.cn`) or an
 * External ID CIAM host (`*.ciamlogin.com`). Custom domains of B2C/CIAM are not recognised —
 * callers let users allow those explicitly.
 */
export function isKnownAuthorityHost(hostOrUrl: string): boolean {
  return classifyAuthorityHost(hostOrUrl) !== undefined;
}

/** The cloud an authority host belongs to, or undefined for unknown hosts. */
export function cloudForAuthorityHost(hostOrUrl: string): Cloud | undefined {
  return classifyAuthorityHost(hostOrUrl)?.cloud;
}

/**
 * The cloud a resource / API host belongs to: Graph hosts and well-known Azure service hosts
 * (e.g. `database.windows.net` → public, `graph.microsoft.us` → usgov). Undefined when the host
 * says nothing about the cloud (your own API, `api://…` URIs, GUIDs).
 */
export function cloudForResourceHost(hostOrUrl: string): Cloud | undefined {
  const host = normalizeHost(hostOrUrl);
  if (!host) return undefined;
  // Exact Graph host first, then the longest matching suffix wins (so "azure.us" is not
  // shadowed by an unrelated shorter match): the host's own suffixes, longest first, looked up
  // in one table instead of testing every cloud's list (this runs for every scope on every keystroke).
  const graph = GRAPH_HOSTS.get(host);
  if (graph) return graph;
  for (let dot = -1; ; ) {
    const cloud = RESOURCE_SUFFIXES.get(dot < 0 ? host : host.slice(dot + 1));
    if (cloud) return cloud;
    dot = host.indexOf('.', dot + 1);
    if (dot < 0) return undefined;
  }
}

/** Graph host → cloud, and resource host suffix → cloud (the first cloud listing it wins, as before). */
const GRAPH_HOSTS = new Map<string, Cloud>();
const RESOURCE_SUFFIXES = new Map<string, Cloud>();
for (const cloud of CLOUDS) {
  for (const h of cloud.graphHosts) if (!GRAPH_HOSTS.has(h)) GRAPH_HOSTS.set(h, cloud);
  for (const sfx of cloud.resourceHostSuffixes) if (!RESOURCE_SUFFIXES.has(sfx)) RESOURCE_SUFFIXES.set(sfx, cloud);
}

/**
 * Per cloud, a sticky regex for where PLAIN_HOST stops: at what normalizeHost rewrites ('@', '[', non-ASCII),
 * or at the end of a host ending in a Graph host or resource suffix of another cloud, apart from case and
 * one trailing dot.
 */
const foreign = new Map<CloudId, RegExp>();
function foreignEnd(id: CloudId): RegExp {
  let re = foreign.get(id);
  if (!re) {
    const tails = [...GRAPH_HOSTS, ...RESOURCE_SUFFIXES].filter(([, c]) => c.id !== id).map(([t]) => t.replace(/\./g, '\\.'));
    re = new RegExp(`[@[\\u0080-\\uffff]|(?<=(?:${tails.join('|')})\\.?)`, 'iy');
    foreign.set(id, re);
  }
  return re;
}

/** A host's characters up to its end ('/', ':', '?', '#', whitespace) or to what normalizeHost rewrites: '@', '[', non-ASCII. */
const PLAIN_HOST = /[^/:?#\s@[\u0080-\uffff]*/y;

/**
 * False only when the host at `start` of `value` is certainly in no cloud other than `id` by
 * cloudForResourceHost: it ends in none of the other clouds' Graph hosts or resource suffixes, and holds
 * nothing normalizeHost rewrites (userinfo, '[', non-ASCII). A tail matched partly before `start` only adds
 * a "maybe". Lets a single-cloud file skip the slice and classification of nearly every host.
 */
export function mayBeOtherCloud(value: string, start: number, id: CloudId): boolean {
  PLAIN_HOST.lastIndex = start;
  PLAIN_HOST.test(value);
  const re = foreignEnd(id);
  re.lastIndex = PLAIN_HOST.lastIndex;
  return re.test(value);
}

/** Looks a cloud up by id or by a common name ("AzurePublic", "AzureUSGovernment", "AzureChinaCloud", "gov", "cn"...). */
export function cloudByName(name: string): Cloud | undefined {
  const n = name.trim().toLowerCase().replace(/[\s_-]/g, '');
  const aliases: Record<string, CloudId> = {
    public: 'public',
    azurepublic: 'public',
    azurecloud: 'public',
    azurepubliccloud: 'public',
    global: 'public',
    worldwide: 'public',
    usgov: 'usgov',
    gov: 'usgov',
    usgovernment: 'usgov',
    azureusgovernment: 'usgov',
    azureusgovernmentcloud: 'usgov',
    gcchigh: 'usgov',
    dod: 'usgov',
    china: 'china',
    cn: 'china',
    azurechina: 'china',
    azurechinacloud: 'china',
    germany: 'germany',
    azuregermancloud: 'germany',
    azuregermany: 'germany',
    bleu: 'bleu',
    delos: 'delos',
    govsg: 'govsg',
    ppe: 'ppe',
  };
  const id = aliases[n];
  return id ? CLOUDS.find((c) => c.id === id) : undefined;
}

/** "https://{authorityHost}" of a cloud, without trailing slash. */
export function authorityOrigin(cloud: Cloud): string {
  return `https://${cloud.authorityHost}`;
}

/** "https://{graph host}" of a cloud (the preferred one), or undefined when the cloud has none we know. */
export function graphOrigin(cloud: Cloud): string | undefined {
  const h = cloud.graphHosts[0];
  return h ? `https://${h}` : undefined;
}
