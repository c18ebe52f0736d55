// Well-known Microsoft resources (the APIs a daemon asks tokens for): their identifier exactly
// as registered, first-party application ID, cloud, and whether the identifier ends in '/'.
//
// Why the trailing slash matters (entra-facts.md §3.3–3.4): for resources that receive v1.0
// tokens, Entra takes everything before the LAST '/' of the scope as the audience. A resource
// registered as `https://database.windows.net/` therefore needs `https://database.windows.net//.default`;
// with a single slash the token's `aud` is `https://database.windows.net`, which SQL rejects.
// Key Vault (`https://vault.azure.net`), Managed HSM and Microsoft Graph have no trailing slash and
// must never get a second one.
//
// Sources: entra-facts.md §3 ([S-SCOPES], [S-V1SC], [S-DAT], Azure/azure-cli#15698,
// MicrosoftDocs/azure-docs#68642); the Azure CLI cloud table (`azure/cli/core/cloud.py`:
// management, resource_manager, batch_resource_id, active_directory_graph_resource_id,
// active_directory_data_lake_resource_id, ossrdbms_resource_id, log_analytics_resource_id …);
// the managed-identities "services that support Azure AD authentication" table (resource IDs per
// cloud for ARM, Key Vault, Data Lake, SQL, Event Hubs, Service Bus, Storage); Azure SDK scopes
// (`https://batch.core.windows.net//.default` in @azure/batch, `https://monitor.azure.com//.default`
// in the Logs Ingestion docs and SDKs); first-party app IDs as listed in Entra / Power BI docs.
//
// Lookups accept a resource identifier, a scope (`{resource}/{permission}`) or any URL of the API.

import { CLOUDS, normalizeHost, type Cloud, type CloudId } from './clouds';
import { rows, words } from './table';

/**
 * How the API treats a token whose audience lacks the identifier's trailing slash
 * (only meaningful when `trailingSlash` is true).
 * - rejected: documented failures (Azure SQL: "Login failed for user 'NT AUTHORITY\ANONYMOUS LOGON'").
 * - tolerated: works today but is documented as non-standard (ARM).
 * - unverified: the identifier ends in '/', SDKs send `//.default`, no source on what a single slash does.
 */
export type SingleSlashBehaviour = 'rejected' | 'tolerated' | 'unverified';

export interface WellKnownResource {
  /** Stable key, e.g. 'azure-sql', 'azure-sql@usgov'. */
  id: string;
  displayName: string;
  /** Identifier (App ID URI) exactly as registered, e.g. 'https://database.windows.net/'; a GUID when the API has no URI in use. */
  identifier: string;
  /** First-party application (client) ID: `{appId}/.default` is the GUID form of the same scope. */
  appId?: string;
  cloud: CloudId;
  /** Access-token version the API receives. Microsoft first-party APIs receive v1.0 tokens. */
  tokenVersion: 1 | 2;
  /** The identifier ends in '/': the `/.default` scope needs a double slash. */
  trailingSlash: boolean;
  singleSlash?: SingleSlashBehaviour;
  /** Hosts of instances of this resource (`*.database.windows.net` → Azure SQL). Matched as "*.suffix". */
  instanceHostSuffixes?: readonly string[];
  /** Anything a user should know about the identifier. */
  note?: string;
}

/**
 * One resource per line: id | display name | identifier | cloud (empty: public) | what a single slash does
 * (for identifiers ending in '/') | instance host suffixes | first-party application ID | note.
 */
const TABLE =
  // Microsoft Graph: no trailing slash in any cloud.
  `
microsoft-graph|Microsoft Graph|https://graph.microsoft.com||||00000003-0000-0000-c000-000000000000
microsoft-graph@usgov|Microsoft Graph (US Gov L4)|https://graph.microsoft.us|usgov
microsoft-graph@dod|Microsoft Graph (US Gov DoD L5)|https://dod-graph.microsoft.us|usgov
microsoft-graph@china|Microsoft Graph (China)|https://microsoftgraph.chinacloudapi.cn|china
` +
  // Azure SQL Database: trailing slash, single slash rejected (MSAL.NET #747, #894).
  `
azure-sql|Azure SQL Database|https://database.windows.net/||rejected|database.windows.net sql.azuresynapse.net|022907d3-0f1b-48f7-badc-1ba6abab6d66
azure-sql@usgov|Azure SQL Database (US Gov)|https://database.usgovcloudapi.net/|usgov|rejected|database.usgovcloudapi.net
azure-sql@china|Azure SQL Database (China)|https://database.chinacloudapi.cn/|china|rejected|database.chinacloudapi.cn
` +
  // Azure Database for PostgreSQL/MySQL: same parent domain as SQL, but NO trailing slash.
  `
azure-oss-rdbms|Azure Database for PostgreSQL / MySQL|https://ossrdbms-aad.database.windows.net
azure-oss-rdbms@usgov|Azure Database for PostgreSQL / MySQL (US Gov)|https://ossrdbms-aad.database.usgovcloudapi.net|usgov
azure-oss-rdbms@china|Azure Database for PostgreSQL / MySQL (China)|https://ossrdbms-aad.database.chinacloudapi.cn|china
` +
  // Azure Resource Manager: trailing slash; a single slash works but is "non-standard" (azure-docs#68642).
  // China's ARM identifier has no trailing slash (Azure CLI cloud table, managed-identity docs).
  `
azure-resource-manager|Azure Resource Manager|https://management.azure.com/||tolerated||797f4846-ba00-4fd7-ba43-dac1f8f63013
azure-resource-manager@usgov|Azure Resource Manager (US Gov)|https://management.usgovcloudapi.net/|usgov|tolerated
azure-resource-manager@china|Azure Resource Manager (China)|https://management.chinacloudapi.cn|china
` +
  // Classic service management (also the identifier the Azure CLI requests ARM tokens for).
  `
azure-service-management|Azure Service Management (classic)|https://management.core.windows.net/||unverified
azure-service-management@usgov|Azure Service Management (classic, US Gov)|https://management.core.usgovcloudapi.net/|usgov|unverified
azure-service-management@china|Azure Service Management (classic, China)|https://management.core.chinacloudapi.cn/|china|unverified
` +
  // Azure AD Graph (retired; US Gov uses the public identifier).
  `
azure-ad-graph|Azure AD Graph (retired)|https://graph.windows.net/||unverified||00000002-0000-0000-c000-000000000000
azure-ad-graph@china|Azure AD Graph (retired, China)|https://graph.chinacloudapi.cn/|china|unverified
` +
  // Azure Batch; Azure Data Lake Storage Gen1 (retired); Azure Monitor (Logs Ingestion API, metrics ingestion).
  `
azure-batch|Azure Batch|https://batch.core.windows.net/||unverified|batch.azure.com
azure-batch@usgov|Azure Batch (US Gov)|https://batch.core.usgovcloudapi.net/|usgov|unverified|batch.usgovcloudapi.net
azure-batch@china|Azure Batch (China)|https://batch.chinacloudapi.cn/|china|unverified|batch.chinacloudapi.cn
azure-data-lake|Azure Data Lake Storage Gen1|https://datalake.azure.net/||unverified|azuredatalakestore.net
azure-monitor|Azure Monitor (ingestion)|https://monitor.azure.com/||unverified|ingest.monitor.azure.com
` +
  // Key Vault and Managed HSM: NO trailing slash (Azure/azure-cli#15698 for Managed HSM).
  `
azure-key-vault|Azure Key Vault|https://vault.azure.net|||vault.azure.net|cfa8b339-82a2-471a-a3c9-0fc0be7a4093
azure-key-vault@usgov|Azure Key Vault (US Gov)|https://vault.usgovcloudapi.net|usgov||vault.usgovcloudapi.net
azure-key-vault@china|Azure Key Vault (China)|https://vault.azure.cn|china||vault.azure.cn
azure-managed-hsm|Azure Key Vault Managed HSM|https://managedhsm.azure.com|||managedhsm.azure.net
azure-managed-hsm@usgov|Azure Key Vault Managed HSM (US Gov)|https://managedhsm.usgovcloudapi.net|usgov||managedhsm.usgovcloudapi.net
azure-managed-hsm@china|Azure Key Vault Managed HSM (China)|https://managedhsm.azure.cn|china||managedhsm.azure.cn
` +
  // Storage, Service Bus, Event Hubs: the SDKs use a single slash; listed so lookups name them. Then other
  // first-party APIs (app IDs as listed in Entra / Power BI docs).
  `
azure-storage|Azure Storage|https://storage.azure.com|||blob.core.windows.net queue.core.windows.net table.core.windows.net file.core.windows.net dfs.core.windows.net|e406a681-f3d4-42a8-90b6-c2b029497af1|Registered with and without the trailing slash; the SDKs request https://storage.azure.com/.default.
azure-service-bus|Azure Service Bus|https://servicebus.azure.net|||servicebus.windows.net
azure-event-hubs|Azure Event Hubs|https://eventhubs.azure.net
azure-cognitive-services|Azure AI services|https://cognitiveservices.azure.com|||cognitiveservices.azure.com openai.azure.com
log-analytics|Log Analytics API|https://api.loganalytics.io||||ca7f3f0b-7d91-482c-8e09-c5d840d0eac5
log-analytics@usgov|Log Analytics API (US Gov)|https://api.loganalytics.us|usgov
application-insights|Application Insights API|https://api.applicationinsights.io
azure-synapse|Azure Synapse (development endpoint)|https://dev.azuresynapse.net|||dev.azuresynapse.net
power-bi|Power BI Service|https://analysis.windows.net/powerbi/api||||00000009-0000-0000-c000-000000000000
exchange-online|Office 365 Exchange Online|https://outlook.office365.com||||00000002-0000-0ff1-ce00-000000000000
office-365-management|Office 365 Management APIs|https://manage.office.com||||c5393580-f805-4401-95e8-94b7a6ef2fc2
sharepoint-online|SharePoint Online|00000003-0000-0ff1-ce00-000000000000||||00000003-0000-0ff1-ce00-000000000000|Request https://{tenant}.sharepoint.com/.default.
azure-devops|Azure DevOps|499b84ac-1321-427f-aa17-267ca6975798||||499b84ac-1321-427f-aa17-267ca6975798
`;

/** Microsoft first-party APIs receive v1.0 tokens; trailingSlash follows from the identifier. */
export const WELL_KNOWN_RESOURCES: readonly WellKnownResource[] = rows(TABLE, 8).map(([id = '', displayName = '', identifier = '', cloud, singleSlash, hosts, appId, note]) => ({
  id,
  displayName,
  identifier,
  ...(appId ? { appId } : {}),
  cloud: (cloud || 'public') as CloudId,
  ...(singleSlash ? { singleSlash: singleSlash as SingleSlashBehaviour } : {}),
  ...(hosts ? { instanceHostSuffixes: words(hosts) } : {}),
  ...(note ? { note } : {}),
  tokenVersion: 1,
  trailingSlash: identifier.endsWith('/'),
}));

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SCHEME_RE = /^[a-z][a-z0-9+.-]*:\/\//i;

export type ResourceMatchKind =
  /** The text is the identifier (possibly differing only by the trailing slash, see `slashDiffers`). */
  | 'identifier'
  /** The text is the resource's first-party application ID (GUID form). */
  | 'app-id'
  /** Same host as the identifier but another path (`https://graph.microsoft.com/v1.0`). */
  | 'host'
  /** A host of an instance of the resource (`myserver.database.windows.net`). */
  | 'instance-host';

export interface ResourceMatch {
  resource: WellKnownResource;
  matchedBy: ResourceMatchKind;
  /** For identifier matches: the text lacks (or adds) the identifier's trailing slash. */
  slashDiffers: boolean;
}

function stripSlash(s: string): string {
  return s.endsWith('/') ? s.slice(0, -1) : s;
}

function identifierHost(r: WellKnownResource): string | undefined {
  return SCHEME_RE.test(r.identifier) ? normalizeHost(r.identifier) : undefined;
}

/** The resource whose first-party application ID is `appId` (a GUID). */
export function resourceByAppId(appId: string): WellKnownResource | undefined {
  const id = appId.trim().toLowerCase();
  return WELL_KNOWN_RESOURCES.find((r) => r.appId === id || (r.identifier.toLowerCase() === id && GUID_RE.test(id)));
}

/** The resource with this stable `id` ('azure-sql', 'microsoft-graph@usgov' …). */
export function resourceById(id: string): WellKnownResource | undefined {
  return WELL_KNOWN_RESOURCES.find((r) => r.id === id);
}

/**
 * Matches a resource identifier as written (the part of a scope before its last '/', or a
 * resource URI on its own). Compared case-insensitively; a missing or extra trailing slash still
 * matches and is reported in `slashDiffers`. Falls back to the host (same host, other path) and to
 * instance hosts (`*.vault.azure.net`). Does not split a scope — see {@link resolveResource}.
 */
export function matchResourceIdentifier(resource: string): ResourceMatch | undefined {
  const text = resource.trim();
  if (!text) return undefined;
  if (GUID_RE.test(text)) {
    const r = resourceByAppId(text);
    return r ? { resource: r, matchedBy: 'app-id', slashDiffers: false } : undefined;
  }
  const lower = text.toLowerCase();
  if (SCHEME_RE.test(text)) {
    // The resources whose identifier equals this one or differs only by a final '/', in list order:
    // the first is what a loop over the list would find.
    for (const { r, id } of lookups().byStrippedIdentifier.get(stripSlash(lower)) ?? []) {
      if (lower === id) return { resource: r, matchedBy: 'identifier', slashDiffers: false };
      if (!lower.endsWith('//')) return { resource: r, matchedBy: 'identifier', slashDiffers: true };
    }
  }
  return matchHost(text);
}

interface Lookups {
  /** stripSlash(identifier in lower case) → resources, in list order. */
  byStrippedIdentifier: Map<string, { r: WellKnownResource; id: string }[]>;
  /** Host of the identifier → the first resource with it. */
  byIdentifierHost: Map<string, WellKnownResource>;
  /** Instance host suffix → the first resource listing it. */
  byInstanceSuffix: Map<string, WellKnownResource>;
}

let cachedLookups: Lookups | undefined;
/** Tables over WELL_KNOWN_RESOURCES, built on first use (scopes are resolved for every list of a file). */
function lookups(): Lookups {
  if (cachedLookups) return cachedLookups;
  const l: Lookups = { byStrippedIdentifier: new Map(), byIdentifierHost: new Map(), byInstanceSuffix: new Map() };
  for (const r of WELL_KNOWN_RESOURCES) {
    const id = r.identifier.toLowerCase();
    const key = stripSlash(id);
    const list = l.byStrippedIdentifier.get(key);
    if (list) list.push({ r, id });
    else l.byStrippedIdentifier.set(key, [{ r, id }]);
    const host = identifierHost(r);
    if (host !== undefined && !l.byIdentifierHost.has(host)) l.byIdentifierHost.set(host, r);
    for (const suffix of r.instanceHostSuffixes ?? []) if (!l.byInstanceSuffix.has(suffix)) l.byInstanceSuffix.set(suffix, r);
  }
  return (cachedLookups = l);
}

function matchHost(text: string): ResourceMatch | undefined {
  const host = normalizeHost(text);
  if (!host) return undefined;
  const { byIdentifierHost, byInstanceSuffix } = lookups();
  const exact = byIdentifierHost.get(host);
  if (exact) return { resource: exact, matchedBy: 'host', slashDiffers: false };
  // The longest instance suffix the host ends with (after a '.'): the suffixes after its first dots, left to right.
  for (let dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
    const r = byInstanceSuffix.get(host.slice(dot + 1));
    if (r) return { resource: r, matchedBy: 'instance-host', slashDiffers: false };
  }
  return undefined;
}

/**
 * Finds the well-known resource a scope, resource identifier or API URL refers to:
 * `https://database.windows.net//.default`, `https://database.windows.net/`, `00000003-…/.default`,
 * `https://graph.microsoft.com/v1.0/me`, `myvault.vault.azure.net`. Undefined for your own APIs.
 */
export function resolveResource(scopeOrUrl: string): ResourceMatch | undefined {
  const text = scopeOrUrl.trim();
  if (!text) return undefined;
  const guid = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/|$)/i.exec(text);
  if (guid) return matchResourceIdentifier(guid[1]!);
  if (SCHEME_RE.test(text)) {
    // The whole text as a resource first, then the part before the last '/' (Entra's scope rule).
    const whole = matchResourceIdentifier(text);
    if (whole && whole.matchedBy === 'identifier') return whole;
    const cut = text.lastIndexOf('/');
    const afterScheme = text.indexOf('://') + 3;
    if (cut >= afterScheme) {
      const part = matchResourceIdentifier(text.slice(0, cut));
      if (part && part.matchedBy === 'identifier') return part;
    }
    return whole;
  }
  return matchHost(text);
}

/** `{identifier}/.default` — the app-only scope of a resource (double slash where the identifier ends in '/'). */
export function defaultScopeOf(resource: WellKnownResource): string {
  return `${resource.identifier}/.default`;
}

/** Well-known resources of a cloud. */
export function resourcesInCloud(cloud: CloudId | Cloud): WellKnownResource[] {
  const id = typeof cloud === 'string' ? cloud : cloud.id;
  return WELL_KNOWN_RESOURCES.filter((r) => r.cloud === id);
}

/** The cloud record of a resource (from knowledge/clouds). */
export function cloudOfResource(resource: WellKnownResource): Cloud {
  return CLOUDS.find((c) => c.id === resource.cloud)!;
}
