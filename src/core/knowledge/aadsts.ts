// AADSTS error catalog for daemon (client-credentials) apps, from entra-facts.md §2.
// Microsoft warns that error texts and codes change; we key on the numeric code and keep
// Entra's own text next to ours, so an unknown or reworded error still reads sensibly.

export interface AadstsEntry {
  code: number;
  /** OAuth `error` value seen with this code, when a source confirms it. */
  error?: string;
  /** Microsoft's internal name from the error-code reference, when known. */
  name?: string;
  /** One-line title for a notification or a CLI heading. */
  title: string;
  /** The start of Entra's message (with {placeholders}), for recognising and for tests. */
  message?: string;
  /** What usually causes it in a daemon app's configuration. */
  cause: string;
  /** What to change. */
  fix: string;
  /** Not something client credentials produce (user flows, consent pages): say so instead of guessing. */
  notDaemon?: boolean;
  /** Codes that mean the same thing in older responses. */
  seeAlso?: number[];
}

const E: AadstsEntry[] = [
  {
    code: 70011,
    error: 'invalid_scope',
    name: 'InvalidScope',
    title: 'The scope is not valid',
    message: "The provided value for the input parameter 'scope' is not valid.",
    cause:
      'The scope is malformed, mixes `/.default` with named permissions, names two resources in one request, or is `/.default` without a resource.',
    fix: 'Request exactly one scope of the form `{resource}/.default` per token request (e.g. `https://graph.microsoft.com/.default` or `api://{apiClientId}/.default`).',
  },
  {
    code: 1002012,
    error: 'invalid_scope',
    title: 'Client credentials need a /.default scope',
    message:
      'The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).',
    cause:
      'The app asked for a named permission (`User.Read`, `https://graph.microsoft.com/User.Read.All`, `…/user_impersonation`, `openid`) — that only works for user sign-in. App-only tokens get every application permission (app role) granted, via `/.default`.',
    fix: 'Use `{resource}/.default` (e.g. `https://graph.microsoft.com/.default`) and grant the app roles you need under "API permissions" → Application permissions, then grant admin consent.',
  },
  {
    code: 700022,
    error: 'invalid_scope',
    name: 'InvalidMultipleResourcesScope',
    title: 'Scopes for more than one resource',
    message: "The provided value for the input parameter scope isn't valid because it contains more than one resource.",
    cause: 'One token request named scopes of two different APIs. A token has exactly one audience.',
    fix: 'Make one token request per API, each with that API’s `/.default` scope.',
    seeAlso: [70011, 28000],
  },
  {
    code: 700023,
    name: 'InvalidResourcelessScope',
    title: 'Scope without a resource',
    cause: 'The scope has no resource part (e.g. just `.default` or `/.default`).',
    fix: 'Prefix the resource identifier: `{resource}/.default`.',
  },
  {
    code: 700016,
    error: 'unauthorized_client',
    name: 'UnauthorizedClient_DoesNotMatchRequest',
    title: 'Application not found in this tenant',
    message: "Application with identifier '{clientId}' was not found in the directory '{tenant}'.",
    cause:
      'The ClientId is wrong (a placeholder, the object ID or a secret ID instead of the Application (client) ID), the tenant or cloud is wrong, the app was deleted, or a multi-tenant app has no service principal in this tenant yet.',
    fix: 'Copy the "Application (client) ID" from the app registration’s Overview page and the tenant that owns it; for a multi-tenant app, have an admin of this tenant consent to it first.',
  },
  {
    code: 7000215,
    error: 'invalid_client',
    name: 'InvalidClientSecretProvided',
    title: 'Invalid client secret',
    message:
      "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'.",
    cause:
      'The secret sent is not a current secret of this app: the secret ID was copied instead of the Value, it belongs to another app, it was mistyped, or special characters were not URL-encoded.',
    fix: 'In "Certificates & secrets", create a new client secret and copy its **Value** (shown only once), not its Secret ID.',
  },
  {
    code: 7000222,
    error: 'invalid_client',
    name: 'InvalidClientSecretExpiredKeysProvided',
    title: 'Client secret expired',
    message: "The provided client secret keys for app '{clientId}' are expired.",
    cause: 'The secret is past its end date.',
    fix: 'Create a new client secret (or better, a certificate credential) and update the configuration.',
  },
  {
    code: 7000216,
    error: 'invalid_client',
    title: 'No client credential sent',
    message: "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.",
    cause: 'The request carried neither a client secret nor a client assertion.',
    fix: 'Configure a credential (ClientCredentials entry with a secret, certificate or signed assertion).',
  },
  {
    code: 7000218,
    error: 'invalid_client',
    title: 'No client credential sent',
    message: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    cause: 'The request carried neither a client secret nor a client assertion.',
    fix: 'Configure a credential (ClientCredentials entry with a secret, certificate or signed assertion).',
  },
  {
    code: 700027,
    error: 'invalid_client',
    title: 'Certificate not registered or signature invalid',
    message: 'Client assertion contains an invalid signature.',
    cause:
      'The certificate that signed the client assertion is not uploaded to this app registration (or it is another certificate, the wrong private key, or subject-name+issuer auth is set up but `x5c` was not sent).',
    fix: 'Upload the certificate’s public part (.cer/.pem) under "Certificates & secrets" → Certificates of this app, or set `SendX5C: true` when the app uses subject-name + issuer authentication.',
  },
  {
    code: 700024,
    error: 'invalid_client',
    title: 'Client assertion outside its valid time range',
    message: 'Client assertion is not within its valid time range.',
    cause: 'The assertion expired or is not valid yet: clock skew, a cached or stale federated token, or local time used instead of UTC.',
    fix: 'Sync the machine clock; create a fresh assertion for each request; refresh the federated token file.',
    seeAlso: [50012],
  },
  {
    code: 50012,
    title: 'Client assertion invalid (older code)',
    message: 'Client assertion is not within its valid time range.',
    cause: 'Older form of 700024 and other assertion failures.',
    fix: 'Create a fresh assertion; sync the clock.',
    seeAlso: [700024],
  },
  {
    code: 50027,
    name: 'InvalidJwtToken',
    title: 'Invalid client assertion JWT',
    cause: 'The client assertion is malformed: a claim is missing, the audience or issuer is unexpected, or no certificate thumbprint is in its header.',
    fix: 'Let the library build the assertion (aud = token endpoint, iss = sub = client ID, x5t#S256 header).',
  },
  {
    code: 50048,
    name: 'SubjectMismatchesIssuer',
    title: 'Assertion subject does not match issuer',
    message: 'Subject mismatches Issuer claim in the client assertion.',
    cause: 'In the client assertion `sub` is not equal to `iss`, or they are not the client ID.',
    fix: 'Set both `iss` and `sub` to the application (client) ID.',
  },
  {
    code: 500011,
    error: 'invalid_resource',
    name: 'InvalidResourceServicePrincipalNotFound',
    title: 'Resource not found in the tenant',
    message: 'The resource principal named {resource} was not found in the tenant named {tenant}.',
    cause:
      'Nothing in this tenant has the identifier in the scope: a typo, `api://…` when the API has no or another App ID URI, a trailing-slash mismatch, or the API is not provisioned in this tenant.',
    fix: 'Use the API’s exact Application ID URI ("Expose an API") or its client ID: `{apiClientId}/.default`; for a multi-tenant API, provision it in this tenant.',
  },
  {
    code: 500014,
    title: 'Resource service principal disabled',
    message: "The service principal for resource '{resource}' is disabled.",
    cause: 'The API’s enterprise application is disabled in this tenant.',
    fix: 'Enable the resource’s enterprise application ("Enabled for users to sign in?" = Yes).',
  },
  {
    code: 50001,
    error: 'invalid_resource',
    name: 'InvalidResource',
    title: 'Resource disabled or missing',
    message: "The resource is disabled or doesn't exist.",
    cause: 'The requested resource does not exist or is disabled.',
    fix: 'Check the resource identifier in the scope.',
  },
  {
    code: 500021,
    title: 'Tenant access denied by tenant restrictions',
    message: "Access to '{tenant}' tenant is denied.",
    cause: 'A corporate proxy adds tenant restrictions (`Restrict-Access-To-Tenant`) that do not allow this tenant.',
    fix: 'Ask the network team to allow the tenant, or run from a network without tenant restrictions.',
  },
  {
    code: 90002,
    error: 'invalid_tenant',
    name: 'InvalidTenantName',
    title: 'Tenant not found',
    message: "Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.",
    cause: 'The tenant ID or domain is a typo or a placeholder, belongs to another cloud (US Gov, China), or a path segment ended up as the tenant.',
    fix: 'Use the Directory (tenant) ID from the app registration’s Overview page, with that cloud’s Instance.',
  },
  {
    code: 900023,
    error: 'invalid_request',
    title: 'Tenant identifier is not a GUID or domain',
    message: "Specified tenant identifier '{tenant}' is neither a valid DNS name, nor a valid external domain.",
    cause: 'The tenant part of the authority is not a tenant, e.g. `/oauth2/token` was put into the Authority or Instance.',
    fix: 'Authority = Instance + tenant only (e.g. `https://login.microsoftonline.com/{tenantId}`).',
  },
  {
    code: 90014,
    error: 'invalid_request',
    name: 'MissingRequiredField',
    title: 'Required field missing',
    message: "The required field '{field}' is missing from the credential.",
    cause: 'A required parameter (often `scope`) is missing from the request body.',
    fix: 'Send the missing parameter.',
  },
  {
    code: 900144,
    error: 'invalid_request',
    title: 'Required parameter missing',
    message: "The request body must contain the following parameter: '{name}'.",
    cause: 'The body lacks `grant_type`, `client_id` or `scope`.',
    fix: 'Send the missing parameter.',
  },
  {
    code: 9001023,
    error: 'invalid_request',
    title: 'Client credentials on /common or /consumers',
    message:
      'The grant type is not supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.',
    cause: 'App-only tokens always belong to one tenant, but the authority says `common` or `consumers`.',
    fix: 'Set TenantId to the tenant ID (GUID) or domain of the tenant whose data the daemon reads.',
    seeAlso: [90010],
  },
  {
    code: 90010,
    error: 'invalid_request',
    title: 'Grant type not supported on this endpoint (older code)',
    message: 'The grant type is not supported over the /common or /consumers endpoints.',
    cause: 'Older form of 9001023: client credentials sent to /common or /consumers.',
    fix: 'Use the tenant ID or domain in the authority.',
    seeAlso: [9001023],
  },
  {
    code: 90009,
    name: 'TokenForItselfMissingIdenticalAppIdentifier',
    title: 'App requests a token for itself by URI',
    message:
      'The application is requesting a token for itself. This scenario is supported only if the resource that is specified is using the GUID-based application ID.',
    cause: 'The daemon and the API are the same app registration, and the scope uses its App ID URI.',
    fix: 'Use the GUID form: `{clientId}/.default`.',
  },
  {
    code: 700025,
    error: 'invalid_client',
    title: 'App is a public client',
    message: "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
    cause: 'The registration has "Allow public client flows" on or a mobile/desktop platform, so Entra treats it as a public client that cannot hold credentials.',
    fix: 'Set "Allow public client flows" to No (Authentication blade) or use a separate confidential (web/daemon) registration.',
  },
  {
    code: 7000112,
    error: 'unauthorized_client',
    name: 'UnauthorizedClientApplicationDisabled',
    title: 'Application disabled',
    message: "Application '{appId}'({appName}) is disabled.",
    cause: 'The app’s service principal (enterprise application) is disabled in this tenant — by an admin or by Microsoft.',
    fix: 'Enterprise applications → the app → Properties → "Enabled for users to sign in?" = Yes (or `az ad sp update --id {objectId} --set accountEnabled=true`).',
  },
  {
    code: 501051,
    error: 'invalid_client',
    title: 'App not assigned to a role of the API',
    message: "Application '{clientId}'({name}) is not assigned to a role for the application '{resourceId}'({resourceName}).",
    cause: 'The API’s enterprise application requires assignment, and this daemon has no app-role assignment on it.',
    fix: 'Add the API’s application permission to the daemon and grant admin consent (that creates the assignment).',
    seeAlso: [50105],
  },
  {
    code: 50105,
    title: 'App not assigned to a role (older code)',
    cause: 'Older form of 501051.',
    fix: 'Assign an app role of the API to the daemon and grant admin consent.',
    seeAlso: [501051],
  },
  {
    code: 53003,
    title: 'Blocked by Conditional Access',
    message: 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
    cause: 'A Conditional Access policy for workload identities blocks this service principal (location or risk).',
    fix: 'Ask an admin to review the workload-identity Conditional Access policy.',
  },
  {
    code: 530035,
    name: 'BlockedBySecurityDefaults',
    title: 'Blocked by security defaults',
    cause: 'Security defaults blocked the request.',
    fix: 'Ask a tenant admin.',
  },
  {
    code: 50049,
    error: 'invalid_instance',
    name: 'NoSuchInstanceForDiscovery',
    title: 'Unknown or invalid instance',
    message: 'Unknown or invalid instance.',
    cause: 'Instance discovery failed for the authority host (typo in Instance, custom host).',
    fix: 'Fix the Instance (e.g. `https://login.microsoftonline.com/`).',
  },
  {
    code: 50126,
    name: 'InvalidUserNameOrPassword',
    title: 'Invalid user name or password',
    cause: 'A user (password) sign-in error; client credentials never produce it.',
    fix: 'This configuration signs a user in, not an app; check which flow the code uses.',
    notDaemon: true,
  },
  {
    code: 65001,
    error: 'invalid_grant',
    name: 'DelegationDoesNotExist',
    title: 'Consent missing (delegated flow)',
    cause: 'Delegated flows only. Client credentials do not fail for missing consent: the token is issued without `roles`.',
    fix: 'For app-only access, grant admin consent for the application permissions and check the token’s `roles`.',
    notDaemon: true,
  },
  {
    code: 650052,
    title: 'Service not enabled in the organization',
    message: 'The app needs access to a service ("{name}") that your organization "{organization}" has not subscribed to or enabled.',
    cause: 'The resource service is not provisioned in this tenant.',
    fix: 'Subscribe to / enable the service in the tenant, or check the resource in the scope.',
  },
  {
    code: 650056,
    title: 'Misconfigured application',
    cause: 'The resource is not in the app’s requested permissions (consent / interactive flows).',
    fix: 'Add the API permission to the app registration.',
  },
  {
    code: 650057,
    title: 'Resource not in requested permissions',
    message: "Invalid resource. The client has requested access to a resource which isn't listed in the requested permissions in the client's application registration.",
    cause: 'The resource is not in the app’s requested permissions (consent / interactive flows).',
    fix: 'Add the API permission to the app registration.',
  },
  {
    code: 50011,
    title: 'No reply address registered (consent page)',
    message: 'No reply address is registered for the application.',
    cause: 'Shown after admin consent when the daemon has no redirect URI. The consent itself was recorded.',
    fix: 'Safe to ignore after consent, or pass a registered `redirect_uri` in the consent URL.',
    notDaemon: true,
  },
  {
    code: 500113,
    title: 'No reply address registered (consent page)',
    message: 'No reply address is registered for the application.',
    cause: 'Same situation as 50011: the app has no reply URL at all.',
    fix: 'Add a redirect URI, or ignore it after consent.',
    notDaemon: true,
  },
  {
    code: 900971,
    title: 'No reply address provided',
    cause: 'The consent or sign-in request carried no reply address.',
    fix: 'Add a redirect URI, or ignore it after consent.',
    notDaemon: true,
  },
  {
    code: 65004,
    error: 'consent_required',
    title: 'Consent declined',
    message: 'The resource owner or authorization server denied the request.',
    cause: 'The admin declined the consent prompt.',
    fix: 'Ask the admin to consent again.',
    notDaemon: true,
  },
  {
    code: 100007,
    title: 'Regional endpoint not allowed for this app',
    message: 'Microsoft Entra Regional ONLY supports auth either for MSIs OR for requests from MSAL using SN+I for 1P apps or 3P apps in Microsoft infrastructure tenants.',
    cause: '`AzureRegion` is set for an ordinary third-party app.',
    fix: 'Remove `AzureRegion` from the configuration.',
  },
  {
    code: 90038,
    name: 'NationalCloudTenantRedirection',
    title: 'Tenant belongs to a national cloud',
    message: "The specified tenant '{tenant}' belongs to the National Cloud '{cloud}'.",
    cause: 'The tenant lives in another cloud than the Instance.',
    fix: 'Use that cloud’s Instance (e.g. `https://login.microsoftonline.us/`).',
  },
  {
    code: 700229,
    name: 'ForbiddenTokenType',
    title: 'Only app-only tokens can be federated credentials',
    cause: 'A user token was presented as a federated identity credential.',
    fix: 'Use an app-only token as the assertion.',
  },
  {
    code: 70021,
    error: 'invalid_request',
    title: 'No matching federated identity credential',
    message: 'No matching federated identity record found for presented assertion.',
    cause: 'The federated token’s issuer, subject or audience does not match any federated credential configured on this app.',
    fix: 'Compare the token’s `iss`, `sub` and `aud` with the app’s "Federated credentials" entries (audience usually `api://AzureADTokenExchange`).',
  },
  {
    code: 90055,
    name: 'TenantThrottlingError',
    title: 'Throttled',
    cause: 'Too many token requests (no token caching).',
    fix: 'Cache tokens and reuse them until shortly before they expire.',
  },
  {
    code: 50196,
    name: 'LoopDetected',
    title: 'Request loop detected',
    cause: 'The same token was requested many times in a short period.',
    fix: 'Cache tokens and reuse them until shortly before they expire.',
  },
  {
    code: 900561,
    title: 'Wrong HTTP method',
    message: 'The endpoint only accepts {valid_verbs} requests. Received a {invalid_verb} request.',
    cause: 'The token endpoint was called with GET (or another verb) instead of POST.',
    fix: 'POST the form to the token endpoint.',
  },
  {
    code: 901002,
    title: "'resource' not supported on the v2 endpoint",
    message: "The 'resource' request parameter isn't supported.",
    cause: 'The v1 `resource` parameter was sent to the v2.0 token endpoint.',
    fix: 'Use `scope={resource}/.default` with the v2.0 endpoint.',
  },
  {
    code: 70002,
    title: 'Error validating credentials (older wrapper)',
    cause: 'Older responses wrap a credential error (e.g. 70008, 50012) in 70002.',
    fix: 'Look at the second code in the message.',
  },
  {
    code: 50079,
    error: 'interaction_required',
    title: 'MFA required',
    cause: 'A user-flow error: a policy demands multi-factor authentication. Not expected for client credentials.',
    fix: 'App-only flows cannot do MFA; check which flow the code uses.',
    notDaemon: true,
  },
];

const BY_CODE = new Map<number, AadstsEntry>(E.map((e) => [e.code, e]));

/** Every entry, in catalog order. */
export const AADSTS_CATALOG: readonly AadstsEntry[] = E;

/** Looks a code up: 7000215, "7000215" or "AADSTS7000215". */
export function lookupAadsts(code: number | string): AadstsEntry | undefined {
  const n = typeof code === 'number' ? code : parseAadstsCode(code);
  return n === undefined ? undefined : BY_CODE.get(n);
}

/** The first `AADSTS<digits>` in a text, or a bare number string. */
export function parseAadstsCode(text: string): number | undefined {
  const m = /AADSTS(\d{4,8})/i.exec(text) ?? /^\s*(\d{4,8})\s*$/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** All AADSTS codes mentioned in a text, in order, without duplicates. */
export function findAadstsCodes(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/AADSTS(\d{4,8})/gi)) {
    const n = Number(m[1]);
    if (!out.includes(n)) out.push(n);
  }
  return out;
}

/** Entra's error-lookup page for a code on the given authority host. */
export function errorLookupUrl(code: number, host = 'login.microsoftonline.com'): string {
  return `https://${host}/error?code=${code}`;
}
