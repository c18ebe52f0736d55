// Optional signature check against the issuing tenant's discovery document and JWKS
// (entra-facts.md §1.6). The network is injected, so callers decide whether to go online,
// and a Graph token is never "verified": its header nonce makes outside validation fail.
import { compactVerify, createLocalJWKSet, errors, JSONWebKeySet } from 'jose';
import { classifyAuthorityHost, normalizeHost } from '../knowledge/clouds';
import type { DecodedJwt } from './decode';
import { tokenVersion } from './explain';
import { findMicrosoftApi } from './microsoft-apis';

/** GETs a URL and returns the parsed JSON body; throws on HTTP or network errors. */
export type FetchJson = (url: string) => Promise<unknown>;

export interface VerifyOptions {
  fetchJson: FetchJson;
  /** Authority origin to ask instead of the issuer's host (an explicitly trusted instance, e.g. an emulator). */
  authority?: string;
}

export type SignatureCheck =
  | { status: 'valid'; keysUrl: string }
  | { status: 'invalid'; reason: string; keysUrl: string }
  | { status: 'not-checked'; reason: string };

export async function checkSignature(token: string, decoded: DecodedJwt, opts: VerifyOptions): Promise<SignatureCheck> {
  const { header, claims } = decoded;
  const aud = typeof claims.aud === 'string' ? claims.aud : undefined;
  if (typeof header.nonce === 'string' || (aud && findMicrosoftApi(aud)?.graph)) {
    return {
      status: 'not-checked',
      reason: 'Microsoft Graph token: Graph processes the header nonce before checking the signature, so it cannot be verified outside Graph. That is expected and says nothing about the token.',
    };
  }
  if (header.alg === 'none' || !decoded.hasSignature) return { status: 'invalid', reason: 'The token is unsigned (alg "none" or no signature).', keysUrl: '' };
  const tid = typeof claims.tid === 'string' ? claims.tid : undefined;
  const iss = typeof claims.iss === 'string' ? claims.iss : undefined;
  if (!tid || !/^[0-9a-z.-]+$/i.test(tid)) return { status: 'not-checked', reason: 'The token has no tenant (tid) to look its keys up.' };

  let origin: string;
  if (opts.authority) {
    origin = new URL(opts.authority).origin;
  } else {
    const known = iss ? classifyAuthorityHost(iss) : undefined;
    if (!known) return { status: 'not-checked', reason: `The issuer ${iss ? `host "${normalizeHost(iss)}"` : ''} is not a Microsoft Entra host; its keys are not fetched.` };
    origin = `https://${known.kind === 'entra' ? known.cloud.authorityHost : known.host}`;
  }
  // v1 tokens are checked against v1 metadata, v2 against v2 (§1.6).
  const v2 = tokenVersion(claims) === '2.0';
  const discoveryUrl = `${origin}/${encodeURIComponent(tid)}${v2 ? '/v2.0' : ''}/.well-known/openid-configuration`;

  let keysUrl: string;
  let jwks: JSONWebKeySet;
  try {
    const discovery = await opts.fetchJson(discoveryUrl);
    const uri = (discovery as { jwks_uri?: unknown } | null)?.jwks_uri;
    if (typeof uri !== 'string') return { status: 'not-checked', reason: `The discovery document ${discoveryUrl} has no jwks_uri.` };
    const u = new URL(uri);
    if (u.origin !== origin && !classifyAuthorityHost(u.host)) {
      return { status: 'not-checked', reason: `The discovery document points its keys to "${u.host}", which is not an Entra host; not fetched.` };
    }
    keysUrl = uri;
    const body = await opts.fetchJson(keysUrl);
    if (!body || typeof body !== 'object' || !Array.isArray((body as { keys?: unknown }).keys)) {
      return { status: 'not-checked', reason: `${keysUrl} did not return a key set.` };
    }
    jwks = body as JSONWebKeySet;
  } catch (err) {
    return { status: 'not-checked', reason: `Could not fetch the tenant's signing keys: ${err instanceof Error ? err.message : String(err)}` };
  }

  try {
    await compactVerify(token, createLocalJWKSet(jwks));
    return { status: 'valid', keysUrl };
  } catch (err) {
    if (err instanceof errors.JWKSNoMatchingKey) {
      return {
        status: 'invalid',
        reason: `No key with kid "${String(header.kid)}" in the tenant's keys: the token comes from another tenant or cloud, or the app uses its own signing keys (metadata with ?appid=…).`,
        keysUrl,
      };
    }
    if (err instanceof errors.JWSSignatureVerificationFailed) return { status: 'invalid', reason: 'The signature does not match: the token was altered or not issued by this tenant.', keysUrl };
    return { status: 'invalid', reason: err instanceof Error ? err.message : String(err), keysUrl };
  }
}
