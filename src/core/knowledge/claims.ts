// Plain-words descriptions of the claims in Entra access tokens (v1.0 and v2.0), for the
// token inspector and `entra-doctor decode`. Source: Entra docs access-token-claims-reference.md,
// access-tokens.md, optional-claims-reference (idtyp); see entra-facts.md §4.1.

export interface ClaimInfo {
  /** Short human name shown next to the claim key. */
  label: string;
  /** What the claim means, in plain words. */
  description: string;
  /** Token versions the claim appears in, when it is version-specific. */
  versions?: '1.0' | '2.0';
  /** Internal to Entra: an API must not rely on it. */
  opaque?: boolean;
}

export const HEADER_CLAIMS: Readonly<Record<string, ClaimInfo>> = {
  typ: { label: 'Type', description: 'Always "JWT": the token is a JSON Web Token.' },
  alg: {
    label: 'Signing algorithm',
    description: 'Algorithm Entra used to sign the token; RS256 for Entra access tokens.',
  },
  kid: {
    label: 'Key ID',
    description: "Thumbprint of the tenant's public key that verifies the signature (listed in the tenant's JWKS).",
  },
  x5t: {
    label: 'Certificate thumbprint',
    description: 'Same value and use as kid; a legacy header only v1.0 tokens carry.',
    versions: '1.0',
  },
  nonce: {
    label: 'Nonce',
    description:
      'Present in Microsoft Graph tokens. Graph processes it before checking the signature, so any validator outside Graph reports an invalid signature — that is expected, not a problem with the token.',
  },
};

export const PAYLOAD_CLAIMS: Readonly<Record<string, ClaimInfo>> = {
  aud: {
    label: 'Audience',
    description:
      'The API this token is for. v2.0 tokens always carry the API\'s client ID (a GUID); v1.0 tokens carry the client ID or the resource URI exactly as requested. The API rejects tokens whose audience is not its own.',
  },
  iss: {
    label: 'Issuer',
    description:
      'The Entra tenant and endpoint that issued the token: https://sts.windows.net/{tenant}/ for v1.0, https://{login host}/{tenant}/v2.0 for v2.0.',
  },
  idp: {
    label: 'Identity provider',
    description: 'Who authenticated the subject; equal to the issuer unless the subject is a guest from another tenant.',
  },
  iat: { label: 'Issued at', description: 'When Entra issued the token.' },
  nbf: { label: 'Not before', description: 'The token must not be accepted before this time.' },
  exp: {
    label: 'Expires',
    description: 'The token must not be accepted from this time on. App tokens usually live 60–90 minutes; get a new one rather than extending it.',
  },
  appid: {
    label: 'Client app ID',
    description: 'Application (client) ID of the app that requested the token — your daemon app.',
    versions: '1.0',
  },
  azp: {
    label: 'Client app ID',
    description: 'Application (client) ID of the app that requested the token — your daemon app (v2.0 name of appid).',
    versions: '2.0',
  },
  appidacr: {
    label: 'Client authentication',
    description: 'How the client proved its identity: "0" public client (no credential), "1" client secret, "2" certificate or signed assertion.',
    versions: '1.0',
  },
  azpacr: {
    label: 'Client authentication',
    description: 'How the client proved its identity: "0" public client (no credential), "1" client secret, "2" certificate or signed assertion (v2.0 name of appidacr).',
    versions: '2.0',
  },
  idtyp: {
    label: 'Token type',
    description: 'Optional claim; "app" means an app-only token (client credentials), "user" a token acting for a signed-in user. The most reliable way to tell them apart.',
  },
  roles: {
    label: 'App roles',
    description:
      'The application permissions (app roles) of the API that were granted to your app. In client credentials this is what authorizes the call; no roles means nothing was granted (or not consented).',
  },
  scp: {
    label: 'Scopes',
    description: 'Delegated permissions, space-separated. Only in tokens acting for a signed-in user — an app-only token never has it.',
  },
  oid: {
    label: 'Object ID',
    description: "Object ID of the caller in this tenant; for an app token, the object ID of your app's service principal (Enterprise application), not of the app registration.",
  },
  sub: {
    label: 'Subject',
    description: 'The principal the token is about. For app tokens it is the service principal, usually equal to oid.',
  },
  tid: { label: 'Tenant ID', description: 'The tenant (directory) that issued the token and in which the permissions were granted.' },
  ver: { label: 'Token version', description: '"1.0" or "2.0". Chosen by the API\'s registration (accessTokenAcceptedVersion), not by the endpoint you called.' },
  aio: { label: 'Internal', description: 'Internal Entra data for token reuse; APIs must not use it.', opaque: true },
  rh: { label: 'Internal', description: 'Internal Entra data used to revalidate tokens; APIs must not use it.', opaque: true },
  uti: { label: 'Token ID', description: 'Unique identifier of this token (like jti); quote it when asking Microsoft support about a token.' },
  acr: { label: 'Auth context class', description: 'User tokens only: "0" means the user authentication did not meet ISO/IEC 29115.', versions: '1.0' },
  amr: { label: 'Auth methods', description: 'User tokens only: how the user authenticated (pwd, mfa, …).', versions: '1.0' },
  acrs: { label: 'Auth contexts', description: 'Conditional Access authentication context IDs the caller satisfied.' },
  name: { label: 'Name', description: 'Display name of the signed-in user; for display only.' },
  preferred_username: { label: 'Username', description: 'Sign-in name of the user; mutable, never use it for authorization.' },
  unique_name: { label: 'Username', description: 'Display sign-in name of the user (v1.0); never use it for authorization.', versions: '1.0' },
  upn: { label: 'User principal name', description: 'The user\'s sign-in name; mutable.' },
  email: { label: 'Email', description: 'Email address of the user, when known.' },
  given_name: { label: 'Given name', description: 'First name of the user.' },
  family_name: { label: 'Family name', description: 'Last name of the user.' },
  ipaddr: { label: 'IP address', description: 'IP address the user authenticated from.' },
  wids: { label: 'Directory roles', description: 'Tenant-wide directory role template IDs of the user.' },
  groups: { label: 'Groups', description: 'Object IDs of the groups of the subject, when the API asks for them.' },
  app_displayname: { label: 'Client app name', description: 'Display name of the client app (optional claim).' },
  appidacr_name: { label: 'Client authentication', description: 'Name of the client authentication method.' },
  xms_cc: {
    label: 'Client capabilities',
    description: 'Client capabilities such as "cp1": the client can handle claims challenges (Conditional Access, continuous access evaluation).',
  },
};

const XMS_INFO: ClaimInfo = {
  label: 'Microsoft extension',
  description: 'An xms_* claim: a Microsoft extension, mostly undocumented and internal; APIs should not depend on it.',
  opaque: true,
};

/** Description of a payload claim, or undefined for claims Entra does not document. */
export function describePayloadClaim(name: string): ClaimInfo | undefined {
  if (Object.prototype.hasOwnProperty.call(PAYLOAD_CLAIMS, name)) return PAYLOAD_CLAIMS[name];
  if (name.startsWith('xms_')) return XMS_INFO;
  return undefined;
}

export function describeHeaderClaim(name: string): ClaimInfo | undefined {
  return Object.prototype.hasOwnProperty.call(HEADER_CLAIMS, name) ? HEADER_CLAIMS[name] : undefined;
}

/** Meaning of appidacr/azpacr values. */
export const CLIENT_AUTH_METHODS: Readonly<Record<string, string>> = {
  '0': 'public client, no credential',
  '1': 'client secret',
  '2': 'certificate or signed client assertion',
};
