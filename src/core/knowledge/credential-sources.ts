// Credential source types of Microsoft.Identity.Web (`CredentialDescription.SourceType`) with
// their numeric values and the keys each one needs (entra-facts.md §6.2, [S-ABS], [S-IDW `Credentials.json`]).
// A missing required key makes Microsoft.Identity.Web skip the credential; when none loads the
// app fails with IDW10109 ("No credential could be loaded") or, with no credential at all,
// Entra answers AADSTS7000218 / AADSTS7000216.

import { rows, words } from './table';

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

/**
 * One source per line: name | enum value | kind | required keys | optional keys | where it is accepted
 * (client: ClientCredentials, certificates: the legacy ClientCertificates array, decryption:
 * TokenDecryptionCredentials / TokenDecryptionCertificates) | note.
 */
const TABLE = `
Certificate|0|code-only|||client certificates decryption|the certificate object is provided in code; it cannot be described in configuration
KeyVault|1|certificate|KeyVaultUrl KeyVaultCertificateName|ManagedIdentityClientId|client certificates decryption
Base64Encoded|2|certificate|Base64EncodedValue|CertificatePassword|client certificates decryption
Path|3|certificate|CertificateDiskPath|CertificatePassword|client certificates decryption
StoreWithThumbprint|4|certificate|CertificateStorePath CertificateThumbprint||client certificates decryption
StoreWithDistinguishedName|5|certificate|CertificateStorePath CertificateDistinguishedName||client certificates decryption
ClientSecret|6|secret|ClientSecret||client
SignedAssertionFromManagedIdentity|7|signed-assertion||ManagedIdentityClientId TokenExchangeUrl TokenExchangeAuthority|client
SignedAssertionFilePath|8|signed-assertion||SignedAssertionFileDiskPath|client
SignedAssertionFromVault|9|signed-assertion|KeyVaultUrl KeyVaultCertificateName|ManagedIdentityClientId|client
AutoDecryptKeys|10|decrypt-keys|DecryptKeysAuthenticationOptions|DecryptKeysApplicationTenant DecryptKeysProtocol|decryption
CustomSignedAssertion|11|signed-assertion|CustomSignedAssertionProviderName|CustomSignedAssertionProviderData|client
ManagedCertificate|12|certificate|||client|Microsoft-internal source
StoreWithSubjectName|13|certificate|CertificateStorePath CertificateSubjectName||client certificates decryption
`;

export const CREDENTIAL_SOURCES: readonly CredentialSourceInfo[] = rows(TABLE, 7).map(([name = '', value, kind, required = '', optional = '', accepted = '', note]) => {
  const where = words(accepted);
  return {
    name,
    value: Number(value),
    kind: kind as CredentialKind,
    required: words(required),
    optional: words(optional),
    clientCredential: where.includes('client'),
    clientCertificate: where.includes('certificates'),
    decryption: where.includes('decryption'),
    ...(note ? { note } : {}),
  };
});

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
