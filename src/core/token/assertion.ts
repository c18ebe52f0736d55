// Client assertions signed with the app's certificate (entra-facts.md §1.3): PS256 with
// x5t#S256 by default (current docs, MSAL), RS256 with x5t on request, x5c when SendX5C;
// claims aud (token endpoint), iss = sub = client id, jti, nbf, iat, exp = nbf + 10 min.
import { constants, randomUUID, sign } from 'node:crypto';
import type { LoadedCertificate } from './certificate';

export type AssertionAlgorithm = 'PS256' | 'RS256';

export interface AssertionParams {
  clientId: string;
  audience: string;
  algorithm?: AssertionAlgorithm;
  sendX5C?: boolean;
  /** Seconds since epoch; injectable for tests. */
  now?: number;
}

export const ASSERTION_LIFETIME_SEC = 600;
/** Reuse a cached assertion while at least this much of its life is left. */
const REUSE_MARGIN_SEC = 120;

const b64url = (json: object): string => Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');

/**
 * Signs with node:crypto directly: jose's SignJWT goes through WebCrypto, converting the KeyObject and
 * hopping through promises on every call (~1.6× a bare crypto.sign). PS256 is RSASSA-PSS with SHA-256,
 * MGF1 and a 32-byte salt (RFC 7518 §3.5); RS256 is PKCS#1 v1.5.
 */
export async function signClientAssertion(cert: LoadedCertificate, p: AssertionParams): Promise<{ jwt: string; exp: number }> {
  const alg = p.algorithm ?? 'PS256';
  const now = p.now ?? Math.floor(Date.now() / 1000);
  const header: Record<string, unknown> = { alg, typ: 'JWT' };
  if (alg === 'PS256') header['x5t#S256'] = cert.x5tS256;
  else header.x5t = cert.x5t;
  if (p.sendX5C) header.x5c = [cert.der.toString('base64')];
  const exp = now + ASSERTION_LIFETIME_SEC;
  const input = `${b64url(header)}.${b64url({ aud: p.audience, iss: p.clientId, sub: p.clientId, jti: randomUUID(), nbf: now, iat: now, exp })}`;
  const signature = sign('sha256', Buffer.from(input, 'utf8'), {
    key: cert.privateKey,
    ...(alg === 'PS256' ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : { padding: constants.RSA_PKCS1_PADDING }),
  });
  return { jwt: `${input}.${signature.toString('base64url')}`, exp };
}

/** Keeps one assertion per (certificate, client, audience, algorithm, x5c) for most of its lifetime. */
export class AssertionCache {
  private readonly entries = new Map<string, { jwt: string; exp: number }>();

  async get(cert: LoadedCertificate, p: AssertionParams): Promise<string> {
    const key = [cert.sha256Hex, p.clientId.toLowerCase(), p.audience, p.algorithm ?? 'PS256', p.sendX5C ? 'x5c' : ''].join('|');
    const now = p.now ?? Math.floor(Date.now() / 1000);
    const hit = this.entries.get(key);
    if (hit && hit.exp - now > REUSE_MARGIN_SEC) return hit.jwt;
    const fresh = await signClientAssertion(cert, { ...p, now });
    this.entries.set(key, fresh);
    return fresh.jwt;
  }

  clear(): void {
    this.entries.clear();
  }
}
