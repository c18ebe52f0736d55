// Microsoft-owned APIs as they appear in a token's `aud`: their permissions are granted under
// "API permissions → <API> → Application permissions", unlike the user's own API, whose app roles
// must first be defined. Kept small and private to the diagnosis; entra-facts.md §3.4, §5.2.

export interface MicrosoftApi {
  name: string;
  /** Resource URIs as requested (no trailing slash unless the API's identifier has one). */
  resources: string[];
  /** First-party application (client) ID, what v2.0-style tokens may carry as `aud`. */
  appId?: string;
  /** The identifier ends in "/": a v1 token's aud must keep it (scope `…//.default`). */
  trailingSlash?: 'required' | 'conventional';
  /** Graph tokens carry a header nonce and cannot be verified outside Graph. */
  graph?: boolean;
  /**
   * Set for APIs that do not authorise with app roles in the token (Azure services): a token without
   * `roles` is normal there, and access is granted in the service itself — this says where.
   */
  grantedIn?: string;
}

export const MICROSOFT_APIS: readonly MicrosoftApi[] = [
  {
    name: 'Microsoft Graph',
    resources: ['https://graph.microsoft.com', 'https://graph.microsoft.us', 'https://dod-graph.microsoft.us', 'https://microsoftgraph.chinacloudapi.cn'],
    appId: '00000003-0000-0000-c000-000000000000',
    graph: true,
  },
  {
    name: 'Azure SQL Database',
    resources: ['https://database.windows.net/', 'https://database.usgovcloudapi.net/', 'https://database.chinacloudapi.cn/'],
    appId: '022907d3-0f1b-48f7-badc-1ba6abab6d66',
    trailingSlash: 'required',
    grantedIn:
      'the database: connect as an Entra admin and run CREATE USER [<app name>] FROM EXTERNAL PROVIDER, then grant it a role (e.g. ALTER ROLE db_datareader ADD MEMBER [<app name>])',
  },
  {
    name: 'Azure Resource Manager',
    resources: ['https://management.azure.com/', 'https://management.core.windows.net/', 'https://management.usgovcloudapi.net/', 'https://management.chinacloudapi.cn/'],
    appId: '797f4846-ba00-4fd7-ba43-dac1f8f63013',
    trailingSlash: 'conventional',
    grantedIn: 'Azure role assignments: give the app\'s service principal a role (e.g. Reader) on the subscription, resource group or resource (Access control (IAM))',
  },
  {
    name: 'Azure AD Graph (retired)',
    resources: ['https://graph.windows.net/'],
    appId: '00000002-0000-0000-c000-000000000000',
    trailingSlash: 'conventional',
  },
  {
    name: 'Azure Key Vault',
    resources: ['https://vault.azure.net', 'https://vault.usgovcloudapi.net', 'https://vault.azure.cn'],
    appId: 'cfa8b339-82a2-471a-a3c9-0fc0be7a4093',
    grantedIn: 'the vault: an Azure role such as "Key Vault Secrets User" for the app (Access control (IAM)), or an access policy on vaults that use them',
  },
  {
    name: 'Azure Key Vault Managed HSM',
    resources: ['https://managedhsm.azure.com'],
    grantedIn: 'the HSM\'s local role-based access control (e.g. "Managed HSM Crypto User" for the app)',
  },
  {
    name: 'Azure Storage',
    resources: ['https://storage.azure.com'],
    appId: 'e406a681-f3d4-42a8-90b6-c2b029497af1',
    grantedIn: 'Azure role assignments on the storage account or container (e.g. "Storage Blob Data Reader" for the app)',
  },
  {
    name: 'Office 365 Exchange Online',
    resources: ['https://outlook.office365.com', 'https://outlook.office.com'],
    appId: '00000002-0000-0ff1-ce00-000000000000',
  },
  { name: 'SharePoint Online', resources: [], appId: '00000003-0000-0ff1-ce00-000000000000' },
];

const stripSlash = (s: string): string => s.replace(/\/+$/, '');

/** The Microsoft API an audience belongs to, matching with or without the trailing slash. */
export function findMicrosoftApi(aud: string): MicrosoftApi | undefined {
  const a = stripSlash(aud.toLowerCase());
  return MICROSOFT_APIS.find(
    (api) => api.appId === a || api.resources.some((r) => stripSlash(r.toLowerCase()) === a) || isSharePointHost(api, a),
  );
}

function isSharePointHost(api: MicrosoftApi, aud: string): boolean {
  return api.name === 'SharePoint Online' && /^https:\/\/[a-z0-9-]+\.sharepoint\.(com|us|cn)$/.test(aud);
}

/** The canonical resource identifier whose form (slash or not) the audience should have. */
export function canonicalResource(api: MicrosoftApi, aud: string): string | undefined {
  const a = stripSlash(aud.toLowerCase());
  return api.resources.find((r) => stripSlash(r.toLowerCase()) === a);
}
