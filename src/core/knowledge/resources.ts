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

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const AAD_GRAPH_APP_ID = '00000002-0000-0000-c000-000000000000';
const ARM_APP_ID = '797f4846-ba00-4fd7-ba43-dac1f8f63013';
const SQL_APP_ID = '022907d3-0f1b-48f7-badc-1ba6abab6d66';
const KEY_VAULT_APP_ID = 'cfa8b339-82a2-471a-a3c9-0fc0be7a4093';
const STORAGE_APP_ID = 'e406a681-f3d4-42a8-90b6-c2b029497af1';

type Entry = Omit<WellKnownResource, 'tokenVersion' | 'trailingSlash'> & { tokenVersion?: 1 | 2 };

const ENTRIES: Entry[] = [
  // Microsoft Graph: no trailing slash in any cloud.
  { id: 'microsoft-graph', displayName: 'Microsoft Graph', identifier: 'https://graph.microsoft.com', appId: GRAPH_APP_ID, cloud: 'public' },
  { id: 'microsoft-graph@usgov', displayName: 'Microsoft Graph (US Gov L4)', identifier: 'https://graph.microsoft.us', cloud: 'usgov' },
  { id: 'microsoft-graph@dod', displayName: 'Microsoft Graph (US Gov DoD L5)', identifier: 'https://dod-graph.microsoft.us', cloud: 'usgov' },
  { id: 'microsoft-graph@china', displayName: 'Microsoft Graph (China)', identifier: 'https://microsoftgraph.chinacloudapi.cn', cloud: 'china' },

  // Azure SQL Database: trailing slash, single slash rejected (MSAL.NET #747, #894).
  {
    id: 'azure-sql',
    displayName: 'Azure SQL Database',
    identifier: 'https://database.windows.net/',
    appId: SQL_APP_ID,
    cloud: 'public',
    singleSlash: 'rejected',
    instanceHostSuffixes: ['database.windows.net', 'sql.azuresynapse.net'],
  },
  { id: 'azure-sql@usgov', displayName: 'Azure SQL Database (US Gov)', identifier: 'https://database.usgovcloudapi.net/', cloud: 'usgov', singleSlash: 'rejected', instanceHostSuffixes: ['database.usgovcloudapi.net'] },
  { id: 'azure-sql@china', displayName: 'Azure SQL Database (China)', identifier: 'https://database.chinacloudapi.cn/', cloud: 'china', singleSlash: 'rejected', instanceHostSuffixes: ['database.chinacloudapi.cn'] },
  // Azure Database for PostgreSQL/MySQL: same parent domain as SQL, but NO trailing slash.
  { id: 'azure-oss-rdbms', displayName: 'Azure Database for PostgreSQL / MySQL', identifier: 'https://ossrdbms-aad.database.windows.net', cloud: 'public' },
  { id: 'azure-oss-rdbms@usgov', displayName: 'Azure Database for PostgreSQL / MySQL (US Gov)', identifier: 'https://ossrdbms-aad.database.usgovcloudapi.net', cloud: 'usgov' },
  { id: 'azure-oss-rdbms@china', displayName: 'Azure Database for PostgreSQL / MySQL (China)', identifier: 'https://ossrdbms-aad.database.chinacloudapi.cn', cloud: 'china' },

  // Azure Resource Manager: trailing slash; a single slash works but is "non-standard" (azure-docs#68642).
  { id: 'azure-resource-manager', displayName: 'Azure Resource Manager', identifier: 'https://management.azure.com/', appId: ARM_APP_ID, cloud: 'public', singleSlash: 'tolerated' },
  { id: 'azure-resource-manager@usgov', displayName: 'Azure Resource Manager (US Gov)', identifier: 'https://management.usgovcloudapi.net/', cloud: 'usgov', singleSlash: 'tolerated' },
  // China's ARM identifier has no trailing slash (Azure CLI cloud table, managed-identity docs).
  { id: 'azure-resource-manager@china', displayName: 'Azure Resource Manager (China)', identifier: 'https://management.chinacloudapi.cn', cloud: 'china' },
  // Classic service management (also the identifier the Azure CLI requests ARM tokens for).
  { id: 'azure-service-management', displayName: 'Azure Service Management (classic)', identifier: 'https://management.core.windows.net/', cloud: 'public', singleSlash: 'unverified' },
  { id: 'azure-service-management@usgov', displayName: 'Azure Service Management (classic, US Gov)', identifier: 'https://management.core.usgovcloudapi.net/', cloud: 'usgov', singleSlash: 'unverified' },
  { id: 'azure-service-management@china', displayName: 'Azure Service Management (classic, China)', identifier: 'https://management.core.chinacloudapi.cn/', cloud: 'china', singleSlash: 'unverified' },

  // Azure AD Graph (retired; US Gov uses the public identifier).
  { id: 'azure-ad-graph', displayName: 'Azure AD Graph (retired)', identifier: 'https://graph.windows.net/', appId: AAD_GRAPH_APP_ID, cloud: 'public', singleSlash: 'unverified' },
  { id: 'azure-ad-graph@china', displayName: 'Azure AD Graph (retired, China)', identifier: 'https://graph.chinacloudapi.cn/', cloud: 'china', singleSlash: 'unverified' },

  // Azure Batch.
  { id: 'azure-batch', displayName: 'Azure Batch', identifier: 'https://batch.core.windows.net/', cloud: 'public', singleSlash: 'unverified', instanceHostSuffixes: ['batch.azure.com'] },
  { id: 'azure-batch@usgov', displayName: 'Azure Batch (US Gov)', identifier: 'https://batch.core.usgovcloudapi.net/', cloud: 'usgov', singleSlash: 'unverified', instanceHostSuffixes: ['batch.usgovcloudapi.net'] },
  { id: 'azure-batch@china', displayName: 'Azure Batch (China)', identifier: 'https://batch.chinacloudapi.cn/', cloud: 'china', singleSlash: 'unverified', instanceHostSuffixes: ['batch.chinacloudapi.cn'] },

  // Azure Data Lake Storage Gen1 (retired).
  { id: 'azure-data-lake', displayName: 'Azure Data Lake Storage Gen1', identifier: 'https://datalake.azure.net/', cloud: 'public', singleSlash: 'unverified', instanceHostSuffixes: ['azuredatalakestore.net'] },

  // Azure Monitor (Logs Ingestion API, metrics ingestion).
  { id: 'azure-monitor', displayName: 'Azure Monitor (ingestion)', identifier: 'https://monitor.azure.com/', cloud: 'public', singleSlash: 'unverified', instanceHostSuffixes: ['ingest.monitor.azure.com'] },

  // Key Vault and Managed HSM: NO trailing slash (Azure/azure-cli#15698 for Managed HSM).
  { id: 'azure-key-vault', displayName: 'Azure Key Vault', identifier: 'https://vault.azure.net', appId: KEY_VAULT_APP_ID, cloud: 'public', instanceHostSuffixes: ['vault.azure.net'] },
  { id: 'azure-key-vault@usgov', displayName: 'Azure Key Vault (US Gov)', identifier: 'https://vault.usgovcloudapi.net', cloud: 'usgov', instanceHostSuffixes: ['vault.usgovcloudapi.net'] },
  { id: 'azure-key-vault@china', displayName: 'Azure Key Vault (China)', identifier: 'https://vault.azure.cn', cloud: 'china', instanceHostSuffixes: ['vault.azure.cn'] },
  { id: 'azure-managed-hsm', displayName: 'Azure Key Vault Managed HSM', identifier: 'https://managedhsm.azure.com', cloud: 'public', instanceHostSuffixes: ['managedhsm.azure.net'] },
  { id: 'azure-managed-hsm@usgov', displayName: 'Azure Key Vault Managed HSM (US Gov)', identifier: 'https://managedhsm.usgovcloudapi.net', cloud: 'usgov', instanceHostSuffixes: ['managedhsm.usgovcloudapi.net'] },
  { id: 'azure-managed-hsm@china', displayName: 'Azure Key Vault Managed HSM (China)', identifier: 'https://managedhsm.azure.cn', cloud: 'china', instanceHostSuffixes: ['managedhsm.azure.cn'] },

  // Storage, Service Bus, Event Hubs: the SDKs use a single slash; listed so lookups name them.
  {
    id: 'azure-storage',
    displayName: 'Azure Storage',
    identifier: 'https://storage.azure.com',
    appId: STORAGE_APP_ID,
    cloud: 'public',
    instanceHostSuffixes: ['blob.core.windows.net', 'queue.core.windows.net', 'table.core.windows.net', 'file.core.windows.net', 'dfs.core.windows.net'],
    note: 'Registered with and without the trailing slash; the SDKs request https://storage.azure.com/.default.',
  },
  { id: 'azure-service-bus', displayName: 'Azure Service Bus', identifier: 'https://servicebus.azure.net', cloud: 'public', instanceHostSuffixes: ['servicebus.windows.net'] },
  { id: 'azure-event-hubs', displayName: 'Azure Event Hubs', identifier: 'https://eventhubs.azure.net', cloud: 'public' },
  { id: 'azure-cognitive-services', displayName: 'Azure AI services', identifier: 'https://cognitiveservices.azure.com', cloud: 'public', instanceHostSuffixes: ['cognitiveservices.azure.com', 'openai.azure.com'] },
  { id: 'log-analytics', displayName: 'Log Analytics API', identifier: 'https://api.loganalytics.io', appId: 'ca7f3f0b-7d91-482c-8e09-c5d840d0eac5', cloud: 'public' },
  { id: 'log-analytics@usgov', displayName: 'Log Analytics API (US Gov)', identifier: 'https://api.loganalytics.us', cloud: 'usgov' },
  { id: 'application-insights', displayName: 'Application Insights API', identifier: 'https://api.applicationinsights.io', cloud: 'public' },
  { id: 'azure-synapse', displayName: 'Azure Synapse (development endpoint)', identifier: 'https://dev.azuresynapse.net', cloud: 'public', instanceHostSuffixes: ['dev.azuresynapse.net'] },
  { id: 'power-bi', displayName: 'Power BI Service', identifier: 'https://analysis.windows.net/powerbi/api', appId: '00000009-0000-0000-c000-000000000000', cloud: 'public' },
  { id: 'exchange-online', displayName: 'Office 365 Exchange Online', identifier: 'https://outlook.office365.com', appId: '00000002-0000-0ff1-ce00-000000000000', cloud: 'public' },
  { id: 'office-365-management', displayName: 'Office 365 Management APIs', identifier: 'https://manage.office.com', appId: 'c5393580-f805-4401-95e8-94b7a6ef2fc2', cloud: 'public' },
  { id: 'sharepoint-online', displayName: 'SharePoint Online', identifier: '00000003-0000-0ff1-ce00-000000000000', appId: '00000003-0000-0ff1-ce00-000000000000', cloud: 'public', note: 'Request https://{tenant}.sharepoint.com/.default.' },
  { id: 'azure-devops', displayName: 'Azure DevOps', identifier: '499b84ac-1321-427f-aa17-267ca6975798', appId: '499b84ac-1321-427f-aa17-267ca6975798', cloud: 'public' },
];

export const WELL_KNOWN_RESOURCES: readonly WellKnownResource[] = ENTRIES.map((e) => ({
  ...e,
  tokenVersion: e.tokenVersion ?? 1,
  trailingSlash: e.identifier.endsWith('/'),
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
