// Decode, explain and diagnose a JWT access token: the one entry point the CLI, the extension
// and the inspector use.
import { decodeToken, DecodedJwt } from './decode';
import { ClaimExplanation, explainClaims, explainHeader } from './explain';
import { diagnoseToken, DiagnosisContext, TokenDiagnosis } from './diagnose';

export * from './decode';
export * from './explain';
export * from './diagnose';
export { checkSignature } from './verify';
export type { FetchJson, SignatureCheck, VerifyOptions } from './verify';

export interface TokenInspection extends TokenDiagnosis {
  header: DecodedJwt['header'];
  claims: DecodedJwt['claims'];
  headerExplanations: ClaimExplanation[];
  claimExplanations: ClaimExplanation[];
  length: number;
}

/** Decodes (throws JwtDecodeError on malformed input) and explains a token. No network. */
export function inspectToken(raw: string, ctx: DiagnosisContext = {}): TokenInspection {
  const decoded = decodeToken(raw);
  const now = ctx.now ?? new Date();
  return {
    header: decoded.header,
    claims: decoded.claims,
    length: decoded.length,
    headerExplanations: explainHeader(decoded),
    claimExplanations: explainClaims(decoded, now),
    ...diagnoseToken(decoded, { ...ctx, now }),
  };
}

/** A preview that identifies a token without exposing it: "eyJ0eXAi…(1523 chars)…x9Qw". */
export function maskToken(raw: string): string {
  const t = raw.trim();
  if (t.length <= 16) return '•'.repeat(Math.min(t.length, 8));
  return `${t.slice(0, 8)}…(${t.length} chars)…${t.slice(-4)}`;
}
export { diagnoseApiResponse, formatApiBody, parseWwwAuthenticate } from './api-response';
export type { ApiDiagnosis, ApiResponseInput } from './api-response';
