// Real-shaped Entra access tokens, signed with a key generated per run (claims as in
// entra-facts.md §4.1: v1 app tokens carry appid/appidacr and the sts.windows.net issuer,
// v2 ones azp/azpacr and the …/v2.0 issuer).
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const CLIENT_ID = '6e74172b-be56-4843-9ff4-e66a39bb12e3';
export const API_CLIENT_ID = 'a8e5c0d2-3f41-4b7e-9d0c-5b1e2f3a4c6d';
export const SP_OID = '690222be-ff1a-4d56-abd1-7e4f7d38e474';
export const KID = 'test-key-1';

let keyPromise: Promise<{ privateKey: CryptoKey; jwk: JWK }> | undefined;

export function signingKey(): Promise<{ privateKey: CryptoKey; jwk: JWK }> {
  keyPromise ??= (async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: KID, use: 'sig', alg: 'RS256' };
    return { privateKey, jwk };
  })();
  return keyPromise;
}

export interface TokenOptions {
  version?: '1.0' | '2.0';
  aud?: string;
  roles?: string[] | undefined;
  tid?: string;
  clientId?: string;
  /** Seconds from now. */
  expiresIn?: number;
  notBeforeIn?: number;
  header?: Record<string, unknown>;
  extra?: Record<string, unknown>;
  issuerHost?: string;
  kid?: string;
}

export async function appToken(o: TokenOptions = {}): Promise<string> {
  const { privateKey } = await signingKey();
  const version = o.version ?? '2.0';
  const tid = o.tid ?? TENANT;
  const now = Math.floor(Date.now() / 1000);
  const iat = now - 60;
  const claims: Record<string, unknown> = {
    aud: o.aud ?? (version === '2.0' ? API_CLIENT_ID : `api://${API_CLIENT_ID}`),
    iss: version === '2.0' ? `https://${o.issuerHost ?? 'login.microsoftonline.com'}/${tid}/v2.0` : `https://${o.issuerHost ?? 'sts.windows.net'}/${tid}/`,
    iat,
    nbf: o.notBeforeIn === undefined ? iat : now + o.notBeforeIn,
    exp: now + (o.expiresIn ?? 3600),
    aio: 'E2RgYJjV/P7l1pY+ZcWbVlFPBAA=',
    idp: `https://sts.windows.net/${tid}/`,
    oid: SP_OID,
    rh: '0.AXEAv4j5cvGGr0GRqy180BHbRw.',
    sub: SP_OID,
    tid,
    uti: 'fqiBqXLPj0eQa82S-IYFAA',
    ver: version,
    xms_ftd: 'c2t7fQ',
  };
  if (version === '2.0') Object.assign(claims, { azp: o.clientId ?? CLIENT_ID, azpacr: '1', idtyp: 'app' });
  else Object.assign(claims, { appid: o.clientId ?? CLIENT_ID, appidacr: '2', idtyp: 'app' });
  if (o.roles !== undefined) claims.roles = o.roles;
  Object.assign(claims, o.extra);
  const header = { typ: 'JWT', alg: 'RS256', kid: o.kid ?? KID, ...(version === '1.0' ? { x5t: o.kid ?? KID } : {}), ...o.header };
  return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(privateKey);
}

/** Microsoft's sample tokens from access-tokens.md (MicrosoftDocs/entra-docs, "Sample tokens"): user tokens, signatures truncated. */
export const DOCS_V1_SAMPLE =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsIng1dCI6Imk2bEdrM0ZaenhSY1ViMkMzbkVRN3N5SEpsWSIsImtpZCI6Imk2bEdrM0ZaenhSY1ViMkMzbkVRN3N5SEpsWSJ9.eyJhdWQiOiJlZjFkYTlkNC1mZjc3LTRjM2UtYTAwNS04NDBjM2Y4MzA3NDUiLCJpc3MiOiJodHRwczovL3N0cy53aW5kb3dzLm5ldC9mYTE1ZDY5Mi1lOWM3LTQ0NjAtYTc0My0yOWYyOTUyMjIyOS8iLCJpYXQiOjE1MzcyMzMxMDYsIm5iZiI6MTUzNzIzMzEwNiwiZXhwIjoxNTM3MjM3MDA2LCJhY3IiOiIxIiwiYWlvIjoiQVhRQWkvOElBQUFBRm0rRS9RVEcrZ0ZuVnhMaldkdzhLKzYxQUdyU091TU1GNmViYU1qN1hPM0libUQzZkdtck95RCtOdlp5R24yVmFUL2tES1h3NE1JaHJnR1ZxNkJuOHdMWG9UMUxrSVorRnpRVmtKUFBMUU9WNEtjWHFTbENWUERTL0RpQ0RnRTIyMlRJbU12V05hRU1hVU9Uc0lHdlRRPT0iLCJhbXIiOlsid2lhIl0sImFwcGlkIjoiNzVkYmU3N2YtMTBhMy00ZTU5LTg1ZmQtOGMxMjc1NDRmMTdjIiwiYXBwaWRhY3IiOiIwIiwiZW1haWwiOiJBYmVMaUBtaWNyb3NvZnQuY29tIiwiZmFtaWx5X25hbWUiOiJMaW5jb2xuIiwiZ2l2ZW5fbmFtZSI6IkFiZSAoTVNGVCkiLCJpZHAiOiJodHRwczovL3N0cy53aW5kb3dzLm5ldC83MmY5ODhiZi04NmYxLTQxYWYtOTFhYi0yZDdjZDAxMjIyNDcvIiwiaXBhZGRyIjoiMjIyLjIyMi4yMjIuMjIiLCJuYW1lIjoiYWJlbGkiLCJvaWQiOiIwMjIyM2I2Yi1hYTFkLTQyZDQtOWVjMC0xYjJiYjkxOTQ0MzgiLCJyaCI6IkkiLCJzY3AiOiJ1c2VyX2ltcGVyc29uYXRpb24iLCJzdWIiOiJsM19yb0lTUVUyMjJiVUxTOXlpMmswWHBxcE9pTXo1SDNaQUNvMUdlWEEiLCJ0aWQiOiJmYTE1ZDY5Mi1lOWM3LTQ0NjAtYTc0My0yOWYyOTU2ZmQ0MjkiLCJ1bmlxdWVfbmFtZSI6ImFiZWxpQG1pY3Jvc29mdC5jb20iLCJ1dGkiOiJGVnNHeFlYSTMwLVR1aWt1dVVvRkFBIiwidmVyIjoiMS4wIn0.D3H6pMUtQnoJAGq6AHd';

export const DOCS_V2_SAMPLE =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6Imk2bEdrM0ZaenhSY1ViMkMzbkVRN3N5SEpsWSJ9.eyJhdWQiOiI2ZTc0MTcyYi1iZTU2LTQ4NDMtOWZmNC1lNjZhMzliYjEyZTMiLCJpc3MiOiJodHRwczovL2xvZ2luLm1pY3Jvc29mdG9ubGluZS5jb20vNzJmOTg4YmYtODZmMS00MWFmLTkxYWItMmQ3Y2QwMTFkYjQ3L3YyLjAiLCJpYXQiOjE1MzcyMzEwNDgsIm5iZiI6MTUzNzIzMTA0OCwiZXhwIjoxNTM3MjM0OTQ4LCJhaW8iOiJBWFFBaS84SUFBQUF0QWFaTG8zQ2hNaWY2S09udHRSQjdlQnE0L0RjY1F6amNKR3hQWXkvQzNqRGFOR3hYZDZ3TklJVkdSZ2hOUm53SjFsT2NBbk5aY2p2a295ckZ4Q3R0djMzMTQwUmlvT0ZKNGJDQ0dWdW9DYWcxdU9UVDIyMjIyZ0h3TFBZUS91Zjc5UVgrMEtJaWpkcm1wNjlSY3R6bVE9PSIsImF6cCI6IjZlNzQxNzJiLWJlNTYtNDg0My05ZmY0LWU2NmEzOWJiMTJlMyIsImF6cGFjciI6IjAiLCJuYW1lIjoiQWJlIExpbmNvbG4iLCJvaWQiOiI2OTAyMjJiZS1mZjFhLTRkNTYtYWJkMS03ZTRmN2QzOGU0NzQiLCJwcmVmZXJyZWRfdXNlcm5hbWUiOiJhYmVsaUBtaWNyb3NvZnQuY29tIiwicmgiOiJJIiwic2NwIjoiYWNjZXNzX2FzX3VzZXIiLCJzdWIiOiJIS1pwZmFIeVdhZGVPb3VZbGl0anJJLUtmZlRtMjIyWDVyclYzeERxZktRIiwidGlkIjoiNzJmOTg4YmYtODZmMS00MWFmLTkxYWItMmQ3Y2QwMTFkYjQ3IiwidXRpIjoiZnFpQnFYTFBqMGVRYTgyUy1JWUZBQSIsInZlciI6IjIuMCJ9.pj4N-w_3Us9DrBLfpCt';
