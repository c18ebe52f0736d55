// Credential source types of Microsoft.Identity.Web (`CredentialDescription.SourceType`) with
// their numeric values and the keys each one needs (entra-facts.md §6.2, [S-ABS], [S-IDW `Credentials.json`]).
// A missing required key makes Microsoft.Identity.Web skip the credential; when none loads the
// app fails with IDW10109 ("No credential could be loaded") or, with no credential at all,
// Entra answers AADSTS7000218 / AADSTS7000216.

export type CredentialKind = 'secret' | 'certificate' | 'signed-assertion' | 'decrypt-keys' | 'code-only';

export interface CredentialSourceInfo {
  name: string;
  /** Enum value: .NET's binder also accepts the number. */
  value: number;
  kind: CredentialKind;
  /** Keys that must be present (and non-empty) for the credential to load. */
  required: readonly string[];
  optional: readonly string[];
  /** Accepted in ClientCredentials (client authentication). */
  clientCredential: boolean;
  /** Accepted in the legacy ClientCertificates array. */
  clientCertificate: boolean;
  /** Accepted in TokenDecryptionCredentials / TokenDecryptionCertificates. */
  decryption: boolean;
  /** A note shown when this source is used in config. */
  note?: string;
}

const CERT_CONTAINERS = { clientCredential: true, clientCertificate: true, decryption: true } as const;

export const CREDENTIAL_SOURCES: readonly CredentialSourceInfo[] = [
  {
    name: 'Certificate',
    value: 0,
    kind: 'code-only',
    required: [],
    optional: [],
    clientCredential: true,
    clientCertificate: true,
    decryption: true,
    note: 'the certificate object is provided in code; it cannot be described in configuration',
  },
  { name: 'KeyVault', value: 1, kind: 'certificate', required: ['KeyVaultUrl', 'KeyVaultCertificateName'], optional: ['ManagedIdentityClientId'], ...CERT_CONTAINERS },
  { name: 'Base64Encoded', value: 2, kind: 'certificate', required: ['Base64EncodedValue'], optional: ['CertificatePassword'], ...CERT_CONTAINERS },
  { name: 'Path', value: 3, kind: 'certificate', required: ['CertificateDiskPath'], optional: ['CertificatePassword'], ...CERT_CONTAINERS },
  { name: 'StoreWithThumbprint', value: 4, kind: 'certificate', required: ['CertificateStorePath', 'CertificateThumbprint'], optional: [], ...CERT_CONTAINERS },
  {
    name: 'StoreWithDistinguishedName',
    value: 5,
    kind: 'certificate',
    required: ['CertificateStorePath', 'CertificateDistinguishedName'],
    optional: [],
    ...CERT_CONTAINERS,
  },
  { name: 'ClientSecret', value: 6, kind: 'secret', required: ['ClientSecret'], optional: [], clientCredential: true, clientCertificate: false, decryption: false },
  {
    name: 'SignedAssertionFromManagedIdentity',
    value: 7,
    kind: 'signed-assertion',
    required: [],
    optional: ['ManagedIdentityClientId', 'TokenExchangeUrl', 'TokenExchangeAuthority'],
    clientCredential: true,
    clientCertificate: false,
    decryption: false,
  },
  {
    name: 'SignedAssertionFilePath',
    value: 8,
    kind: 'signed-assertion',
    required: [],
    optional: ['SignedAssertionFileDiskPath'],
    clientCredential: true,
    clientCertificate: false,
    decryption: false,
  },
  {
    name: 'SignedAssertionFromVault',
    value: 9,
    kind: 'signed-assertion',
    required: ['KeyVaultUrl', 'KeyVaultCertificateName'],
    optional: ['ManagedIdentityClientId'],
    clientCredential: true,
    clientCertificate: false,
    decryption: false,
  },
  {
    name: 'AutoDecryptKeys',
    value: 10,
    kind: 'decrypt-keys',
    required: ['DecryptKeysAuthenticationOptions'],
    optional: ['DecryptKeysApplicationTenant', 'DecryptKeysProtocol'],
    clientCredential: false,
    clientCertificate: false,
    decryption: true,
  },
  {
    name: 'CustomSignedAssertion',
    value: 11,
    kind: 'signed-assertion',
    required: ['CustomSignedAssertionProviderName'],
    optional: ['CustomSignedAssertionProviderData'],
    clientCredential: true,
    clientCertificate: false,
    decryption: false,
  },
  {
    name: 'ManagedCertificate',
    value: 12,
    kind: 'certificate',
    required: [],
    optional: [],
    clientCredential: true,
    clientCertificate: false,
    decryption: false,
    note: 'Microsoft-internal source',
  },
  { name: 'StoreWithSubjectName', value: 13, kind: 'certificate', required: ['CertificateStorePath', 'CertificateSubjectName'], optional: [], ...CERT_CONTAINERS },
];

/** Keys any entry may carry whatever its source [S-ABS], [S-IDW DevApps]. */
export const COMMON_CREDENTIAL_KEYS: readonly string[] = ['SourceType', 'Skip', 'UseBoundCredential', 'Algorithm', 'Id', 'Container', 'ReferenceOrValue'];

/** Sources the legacy `ClientCertificates` array understands [S-IDW `Credentials.json` CertificateSource]. */
export const LEGACY_CERTIFICATE_SOURCES = ['KeyVault', 'Base64Encoded', 'Path', 'StoreWithThumbprint', 'StoreWithDistinguishedName'] as const;

/** Store locations accepted in `CertificateStorePath` ("StoreLocation/StoreName", IDW10703). */
export const STORE_LOCATIONS = ['CurrentUser', 'LocalMachine'] as const;
/** .NET `StoreName` values. */
export const STORE_NAMES = ['AddressBook', 'AuthRoot', 'CertificateAuthority', 'Disallowed', 'My', 'Root', 'TrustedPeople', 'TrustedPublisher'] as const;

/**
 * Resolves a SourceType as written: a name (case-insensitive, like .NET's enum binder) or a
 * number (JSON number or numeric string). Undefined for unknown values.
 */
export function credentialSource(value: string | number): CredentialSourceInfo | undefined {
  if (typeof value === 'number') return CREDENTIAL_SOURCES.find((s) => s.value === value);
  const v = value.trim();
  if (/^\d+$/.test(v)) return CREDENTIAL_SOURCES.find((s) => s.value === Number(v));
  return CREDENTIAL_SOURCES.find((s) => s.name.toLowerCase() === v.toLowerCase());
}

/** Every key an entry of this source may contain (required, optional and common). */
export function allowedCredentialKeys(source: CredentialSourceInfo): string[] {
  return [...COMMON_CREDENTIAL_KEYS, ...source.required, ...source.optional];
}

/** The key names a misspelled SourceType value most likely means (closest names first). */
export function sourceTypeNames(): string[] {
  return CREDENTIAL_SOURCES.filter((s) => s.kind !== 'code-only' && s.name !== 'ManagedCertificate').map((s) => s.name);
}

/** Checks "StoreLocation/StoreName"; returns a problem description or undefined when fine. */
export function checkStorePath(path: string): string | undefined {
  const parts = path.split('/');
  if (parts.length !== 2) return `must be of the form 'StoreLocation/StoreName', e.g. 'CurrentUser/My'`;
  const [location, name] = parts as [string, string];
  if (!STORE_LOCATIONS.some((l) => l.toLowerCase() === location.toLowerCase())) {
    return `store location '${location}' must be 'CurrentUser' or 'LocalMachine'`;
  }
  if (name !== '' && !STORE_NAMES.some((n) => n.toLowerCase() === name.toLowerCase())) {
    return `store name '${name}' must be one of ${STORE_NAMES.join(', ')}`;
  }
  return undefined;
}
