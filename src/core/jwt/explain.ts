// What a decoded token is (version, app or delegated, which API) and what each claim means.
import { CLIENT_AUTH_METHODS, describeHeaderClaim, describePayloadClaim } from '../knowledge/claims';
import type { DecodedJwt, JwtClaims } from './decode';
import { findMicrosoftApi } from './microsoft-apis';

export type TokenVersion = '1.0' | '2.0' | 'unknown';
export type TokenKind = 'app' | 'delegated' | 'unknown';

export interface TokenSummary {
  version: TokenVersion;
  kind: TokenKind;
  /** Why the kind was judged so, in plain words. */
  kindReason: string;
  audience?: string;
  /** appid (v1) or azp (v2). */
  clientId?: string;
  tenantId?: string;
  issuer?: string;
  roles: string[];
  scopes: string[];
  issuedAt?: string;
  notBefore?: string;
  expiresAt?: string;
  /** Seconds until exp relative to `now` (negative when expired). */
  expiresInSeconds?: number;
  /** The Microsoft API the audience belongs to, if any. */
  microsoftApi?: string;
  /** Graph's header nonce: signature cannot be checked outside Graph. */
  graphNonce: boolean;
}

export interface ClaimExplanation {
  name: string;
  /** The value as display text (JSON for arrays/objects). */
  value: string;
  label: string;
  description: string;
  /** Value-specific reading, e.g. "client secret" or "2026-…Z (in 45 min)". */
  detail?: string;
  /** Not a claim Entra documents. */
  unknown?: boolean;
  opaque?: boolean;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function stringList(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (typeof v === 'string') return v.split(/\s+/).filter(Boolean);
  return [];
}

export function tokenVersion(claims: JwtClaims): TokenVersion {
  const ver = claims.ver;
  if (ver === '1.0' || ver === '2.0') return ver;
  const iss = str(claims.iss);
  if (iss?.endsWith('/v2.0')) return '2.0';
  if (iss?.startsWith('https://sts.windows.net/') || str(claims.appid)) return '1.0';
  if (str(claims.azp)) return '2.0';
  return 'unknown';
}

export function tokenKind(claims: JwtClaims): { kind: TokenKind; reason: string } {
  if (claims.idtyp === 'app') return { kind: 'app', reason: 'idtyp is "app": an app-only token (client credentials).' };
  if (claims.idtyp === 'user') return { kind: 'delegated', reason: 'idtyp is "user": the token acts for a signed-in user.' };
  if (claims.scp !== undefined) return { kind: 'delegated', reason: 'It has scp (delegated scopes), which only user tokens carry.' };
  if (claims.upn !== undefined || claims.preferred_username !== undefined || claims.unique_name !== undefined || claims.name !== undefined) {
    return { kind: 'delegated', reason: 'It names a user (upn/name), so it acts for a signed-in user.' };
  }
  if (str(claims.appid) || str(claims.azp)) {
    return { kind: 'app', reason: 'No scp and no user claims: an app-only token (client credentials).' };
  }
  return { kind: 'unknown', reason: 'Neither idtyp, scp nor appid/azp is present: this does not look like an Entra access token.' };
}

export function isoFromEpoch(seconds: number): string | undefined {
  const ms = seconds * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return undefined;
  return new Date(ms).toISOString();
}

/** "in 45 min", "3 h 2 min ago", "just now". */
export function formatRelative(deltaSeconds: number): string {
  const abs = Math.abs(Math.round(deltaSeconds));
  if (abs < 5) return 'just now';
  let text: string;
  if (abs < 60) text = `${abs} s`;
  else if (abs < 3600) text = `${Math.floor(abs / 60)} min${abs % 60 && abs < 600 ? ` ${abs % 60} s` : ''}`;
  else if (abs < 86400) {
    const m = Math.floor((abs % 3600) / 60);
    text = `${Math.floor(abs / 3600)} h${m ? ` ${m} min` : ''}`;
  } else text = `${Math.floor(abs / 86400)} d`;
  return deltaSeconds >= 0 ? `in ${text}` : `${text} ago`;
}

export function summarize(decoded: DecodedJwt, now: Date): TokenSummary {
  const c = decoded.claims;
  const { kind, reason } = tokenKind(c);
  const aud = Array.isArray(c.aud) ? str(c.aud[0]) : str(c.aud);
  const exp = num(c.exp);
  const nowS = now.getTime() / 1000;
  return {
    version: tokenVersion(c),
    kind,
    kindReason: reason,
    audience: aud,
    clientId: str(c.appid) ?? str(c.azp),
    tenantId: str(c.tid),
    issuer: str(c.iss),
    roles: stringList(c.roles),
    scopes: stringList(c.scp),
    issuedAt: num(c.iat) === undefined ? undefined : isoFromEpoch(num(c.iat)!),
    notBefore: num(c.nbf) === undefined ? undefined : isoFromEpoch(num(c.nbf)!),
    expiresAt: exp === undefined ? undefined : isoFromEpoch(exp),
    expiresInSeconds: exp === undefined ? undefined : Math.round(exp - nowS),
    microsoftApi: aud ? findMicrosoftApi(aud)?.name : undefined,
    graphNonce: typeof decoded.header.nonce === 'string',
  };
}

function display(v: unknown): string {
  if (typeof v === 'string') return v;
  return JSON.stringify(v) ?? String(v);
}

const TIME_CLAIMS = new Set(['iat', 'nbf', 'exp', 'pwd_exp', 'auth_time']);

export function explainClaims(decoded: DecodedJwt, now: Date): ClaimExplanation[] {
  const nowS = now.getTime() / 1000;
  return Object.entries(decoded.claims).map(([name, value]) => {
    const info = describePayloadClaim(name);
    const e: ClaimExplanation = {
      name,
      value: display(value),
      label: info?.label ?? name,
      description: info?.description ?? 'Not a claim Entra documents for access tokens; set by the API registration (optional claims) or a custom claims policy.',
    };
    if (!info) e.unknown = true;
    if (info?.opaque) e.opaque = true;
    if (TIME_CLAIMS.has(name) && typeof value === 'number') {
      const iso = isoFromEpoch(value);
      if (iso) e.detail = `${iso} (${formatRelative(value - nowS)})`;
    } else if ((name === 'appidacr' || name === 'azpacr') && typeof value === 'string') {
      e.detail = CLIENT_AUTH_METHODS[value] ?? 'unknown method';
    } else if (name === 'ver' && (value === '1.0' || value === '2.0')) {
      e.detail = value === '1.0' ? 'v1.0 token: the API registration accepts v1 tokens (accessTokenAcceptedVersion null or 1)' : 'v2.0 token: the API registration sets accessTokenAcceptedVersion to 2';
    } else if (name === 'aud' && typeof value === 'string') {
      const api = findMicrosoftApi(value);
      if (api) e.detail = api.name;
    } else if (name === 'roles') {
      const roles = stringList(value);
      e.detail = roles.length ? `${roles.length} role${roles.length === 1 ? '' : 's'} granted` : 'no roles';
    }
    return e;
  });
}

export function explainHeader(decoded: DecodedJwt): ClaimExplanation[] {
  return Object.entries(decoded.header).map(([name, value]) => {
    const info = describeHeaderClaim(name);
    const e: ClaimExplanation = {
      name,
      value: display(value),
      label: info?.label ?? name,
      description: info?.description ?? 'Not a header Entra documents.',
    };
    if (!info) e.unknown = true;
    return e;
  });
}
