// Configuration keys Microsoft.Identity.Web and its option classes bind, per kind of section
// (entra-facts.md §6). .NET binds keys case-insensitively but otherwise exactly, so a typo
// (`Scepes`, `AquireTokenOptions`) or a stray space is silently ignored.
//
// The linter only reports a key that is *close* to one of ours or clearly belongs to another kind
// of section: identity sections are also bound onto ASP.NET Core's OpenIdConnect / JwtBearer
// options and MSAL.js options, whose keys are listed as "owned by others" and never reported.

import { LowerKeySet } from './key-set';
import { rows, words } from './table';

export type SectionKind = 'identity' | 'downstream-api' | 'acquire-token-options' | 'managed-identity' | 'credential' | 'legacy-root';

/** MicrosoftIdentityApplicationOptions + MicrosoftIdentityOptions (incl. legacy and B2C keys) [S-ABS], [S-IDW]. */
const IDENTITY_KEYS = words(`
Instance TenantId ClientId Authority AppHomeTenantId AzureRegion ClientCapabilities SendX5C EnablePiiLogging
ShowPII ExtraQueryParameters ClientCredentials Audience Audiences TokenDecryptionCredentials
AllowWebApiToBeAuthorizedByACL Name Domain SignUpSignInPolicyId EditProfilePolicyId ResetPasswordPolicyId
DefaultUserFlow WithSpaAuthCode ResetPasswordPath ErrorPath ClientSecret ClientCertificates
TokenDecryptionCertificates ClientCredentialsUsingManagedIdentity UserAssignedManagedIdentityClientId
UseFastUnboundedCache PartitionAppTokenCacheByAudience LegacyCacheCompatibilityEnabled
EnableCacheSynchronization Scopes AllowedTenants ManagedIdentity Version
`);

/** Keys other libraries read from the same section: ASP.NET Core OpenIdConnect / JwtBearer / remote auth, MSAL.js (Blazor WASM), old MSAL.NET samples. */
const IDENTITY_OTHERS = words(`
CallbackPath SignedOutCallbackPath SignedOutRedirectUri RemoteSignOutPath Prompt ResponseType ResponseMode
SaveTokens SaveToken UsePkce MetadataAddress RequireHttpsMetadata GetClaimsFromUserInfoEndpoint Scope
SkipUnrecognizedRequests UseTokenLifetime MapInboundClaims AccessDeniedPath TokenValidationParameters
ClaimsIssuer IncludeErrorDetails RefreshInterval AutomaticRefreshInterval RefreshOnIssuerKeyNotFound
RemoteAuthenticationTimeout ReturnUrlParameter SignInScheme SignOutScheme ForwardDefault ForwardChallenge
ForwardAuthenticate ForwardSignIn ForwardSignOut ForwardForbid DisableTelemetry MaxAge Resource
UseSecurityTokenValidator Challenge ValidateAuthority PostLogoutRedirectUri RedirectUri KnownAuthorities
NavigateToLoginRequestUrl CertificateName Certificate Tenant ApiUrl
`);

/** DownstreamApiOptions / AuthorizationHeaderProviderOptions, plus the 1.x DownstreamWebApiOptions and MicrosoftGraphOptions keys [S-ABS], [S-IDW]. */
const DOWNSTREAM_KEYS = words(`
BaseUrl RelativePath HttpMethod RequestAppToken Scopes AcceptHeader ContentType ProtocolScheme
ExtraHeaderParameters ExtraQueryParameters AcquireTokenOptions
` +
  // Microsoft.Identity.Web 1.x DownstreamWebApiOptions / MicrosoftGraphOptions
  `
Tenant UserFlow IsProofOfPossessionRequest TokenAcquisitionOptions AuthenticationScheme
`);

/** AcquireTokenOptions [S-ABS `DownstreamApi/AcquireTokenOptions.cs`], [S-IDW `Credentials.json`]. */
const ACQUIRE_TOKEN_KEYS = words(`
AuthenticationOptionsName Tenant ForceRefresh Claims ManagedIdentity LongRunningWebApiSessionKey
ExtraQueryParameters ExtraHeadersParameters ExtraParameters CorrelationId PopPublicKey PopClaim UserFlow
FmiPath
`);

const MANAGED_IDENTITY_KEYS = ['UserAssignedClientId'];

/** CredentialDescription [S-ABS `CredentialDescription.cs`], entra-facts §6.2. */
const CREDENTIAL_KEYS = words(`
SourceType Container ReferenceOrValue KeyVaultUrl KeyVaultCertificateName CertificateStorePath
CertificateThumbprint CertificateDistinguishedName CertificateSubjectName CertificateDiskPath
CertificatePassword Base64EncodedValue ClientSecret ManagedIdentityClientId SignedAssertionFileDiskPath
TokenExchangeUrl TokenExchangeAuthority CustomSignedAssertionProviderName CustomSignedAssertionProviderData
DecryptKeysApplicationTenant DecryptKeysProtocol DecryptKeysAuthenticationOptions Skip UseBoundCredential
Algorithm Id
`);

/** Root keys of the pre-Id.Web daemon samples (entra-facts §6.4). Only near-identical typos are reported at the root. */
const LEGACY_ROOT_KEYS = words(`
Instance Tenant TenantId ClientId ClientSecret CertificateName Certificate ApiUrl Authority
TodoListBaseAddress TodoListScope RequiredRoles Domain RedirectUri
`);

const KNOWN: Record<SectionKind, readonly string[]> = {
  identity: IDENTITY_KEYS,
  'downstream-api': DOWNSTREAM_KEYS,
  'acquire-token-options': ACQUIRE_TOKEN_KEYS,
  'managed-identity': MANAGED_IDENTITY_KEYS,
  credential: CREDENTIAL_KEYS,
  'legacy-root': LEGACY_ROOT_KEYS,
};

const OTHERS: Partial<Record<SectionKind, readonly string[]>> = {
  identity: IDENTITY_OTHERS,
};

const lower = (keys: readonly string[]) => new LowerKeySet(keys);
const KNOWN_LOWER = Object.fromEntries(Object.entries(KNOWN).map(([k, v]) => [k, lower(v)])) as Record<SectionKind, LowerKeySet>;
const OTHERS_LOWER = Object.fromEntries(Object.entries(OTHERS).map(([k, v]) => [k, lower(v)])) as Partial<Record<SectionKind, LowerKeySet>>;

/** The canonical spelling of the keys of one kind of section. */
export function knownKeys(kind: SectionKind): readonly string[] {
  return KNOWN[kind];
}

/** True when a key (as written, case-insensitive, no trimming) binds in this kind of section or is owned by a library that shares it. */
export function isKnownKey(kind: SectionKind, key: string): boolean {
  return KNOWN_LOWER[kind].has(key) || (OTHERS_LOWER[kind]?.has(key) ?? false);
}

/** Canonical spelling of a known key, e.g. `sendx5c` → `SendX5C`. */
export function canonicalKey(kind: SectionKind, key: string): string | undefined {
  const k = key.toLowerCase();
  return KNOWN[kind].find((c) => c.toLowerCase() === k) ?? IDENTITY_OTHERS.find((c) => kind === 'identity' && c.toLowerCase() === k);
}

/**
 * Optimal-string-alignment distance (Levenshtein + adjacent transposition), case-insensitive.
 * `limit` lets long, unrelated keys stop early.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (Math.abs(s.length - t.length) > limit) return limit + 1;
  const rows = s.length + 1;
  const cols = t.length + 1;
  let prev2 = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const cur = new Array<number>(cols);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j < cols; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[cols - 1]!;
}

/** How many edits still count as "did you mean": short keys need to be very close. */
export function typoBudget(length: number): number {
  if (length <= 4) return 1;
  if (length <= 12) return 2;
  return 3;
}

export interface KeySuggestion {
  /** Canonical spelling of the key that was probably meant. */
  key: string;
  distance: number;
}

/**
 * The known key a misspelled one most likely means, or undefined when the key is known
 * (to us or to a library sharing the section) or not close to anything.
 * Whitespace and separators (`Client Id`, `client_id`) are ignored when comparing.
 */
export function suggestKey(kind: SectionKind, key: string, budget?: number): KeySuggestion | undefined {
  if (isKnownKey(kind, key)) return undefined;
  const squashed = key.replace(/[\s_\-.]/g, '');
  if (!squashed) return undefined;
  const max = budget ?? typoBudget(squashed.length);
  let best: KeySuggestion | undefined;
  let tie = false;
  for (const candidate of KNOWN[kind]) {
    const d = editDistance(squashed, candidate, max);
    if (d > max) continue;
    if (!best || d < best.distance) {
      best = { key: candidate, distance: d };
      tie = false;
    } else if (d === best.distance) tie = true;
  }
  // Two equally close candidates: no confident suggestion.
  if (!best || tie) return undefined;
  // A key that is as close to a key another library owns is probably that library's key.
  for (const other of OTHERS[kind] ?? []) {
    if (editDistance(squashed, other, best.distance) <= best.distance) return undefined;
  }
  return best;
}

/**
 * Where a key clearly belongs when it is found in the wrong kind of section. One line per place: the kind of
 * section the keys are found in | the keys, lower case | the kind of section they belong in | where that is, for messages.
 */
const MISPLACED_TABLE = `
identity|requestapptoken|downstream-api|a downstream API section (next to BaseUrl and Scopes)
identity|baseurl relativepath|downstream-api|a downstream API section (DownstreamApis:<name>)
identity|acquiretokenoptions|downstream-api|a downstream API section
identity|sourcetype keyvaulturl keyvaultcertificatename certificatethumbprint certificatestorepath certificatedistinguishedname certificatediskpath base64encodedvalue|credential|an entry of the ClientCredentials array
identity|userassignedclientid|managed-identity|AcquireTokenOptions:ManagedIdentity of a downstream API section
downstream-api|clientid instance clientcredentials|identity|the identity section (AzureAd)
downstream-api|tenantid|identity|the identity section (AzureAd), or AcquireTokenOptions:Tenant
downstream-api|clientsecret|credential|a ClientCredentials entry of the identity section
downstream-api|managedidentity|acquire-token-options|AcquireTokenOptions (AcquireTokenOptions:ManagedIdentity)
downstream-api|userassignedclientid|managed-identity|AcquireTokenOptions:ManagedIdentity
downstream-api|forcerefresh|acquire-token-options|AcquireTokenOptions
acquire-token-options|userassignedclientid|managed-identity|AcquireTokenOptions:ManagedIdentity
acquire-token-options|scopes requestapptoken baseurl|downstream-api|the downstream API section itself
credential|clientid tenantid|identity|the identity section, not a credential entry
credential|scopes|downstream-api|a downstream API section
`;
const MISPLACED: Partial<Record<SectionKind, Record<string, { belongs: string; kind: SectionKind }>>> = {};
for (const [section, keys = '', kind, belongs = ''] of rows(MISPLACED_TABLE, 4)) {
  for (const key of words(keys)) (MISPLACED[section as SectionKind] ??= {})[key] = { belongs, kind: kind as SectionKind };
}

/** When a key known elsewhere is misplaced in this kind of section: where it belongs. */
export function misplacedKey(kind: SectionKind, key: string): { belongs: string; kind: SectionKind } | undefined {
  return MISPLACED[kind]?.[key.toLowerCase()];
}

/** Old key names Microsoft.Identity.Web no longer reads in a downstream API section (pre-1.0 / sample-era names). */
const LEGACY_ALIASES: Record<string, string> = {
  calledapiscopes: 'Scopes',
  calledapiurl: 'BaseUrl',
  graphapiurl: 'BaseUrl',
};

export function legacyAlias(kind: SectionKind, key: string): string | undefined {
  return kind === 'downstream-api' ? LEGACY_ALIASES[key.toLowerCase()] : undefined;
}
