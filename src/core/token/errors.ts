// One error type for everything that can go wrong getting a token, with a stable string
// code (AADSTS7000215, network/timeout, config/authority-host-not-allowed...) and text
// written for the person who has to fix it.

export type TokenErrorKind = 'entra' | 'http' | 'network' | 'config' | 'credential' | 'cancelled';

export interface TokenErrorInit {
  kind: TokenErrorKind;
  code: string;
  title: string;
  explanation: string;
  fix: string;
  aadsts?: number;
  /** OAuth `error` value from Entra (invalid_client, ...). */
  oauthError?: string;
  /** Entra's own message, without the Trace/Correlation/Timestamp trailers. */
  entraMessage?: string;
  correlationId?: string;
  traceId?: string;
  errorUri?: string;
  httpStatus?: number;
  timestamp?: string;
  attempts?: number;
  /** Extra codes Entra listed (old responses chain several). */
  otherCodes?: number[];
}

/** The JSON shape of `entra-doctor token --json` errors (DESIGN.md) plus a few optional fields. */
export interface TokenErrorJson {
  code: string;
  aadsts: number | null;
  title: string;
  explanation: string;
  fix: string;
  correlationId: string | null;
  traceId: string | null;
  errorUri?: string;
  httpStatus?: number;
  entraMessage?: string;
  oauthError?: string;
  kind: TokenErrorKind;
}

export class TokenError extends Error {
  readonly kind: TokenErrorKind;
  readonly code: string;
  readonly title: string;
  readonly explanation: string;
  readonly fix: string;
  readonly aadsts?: number;
  readonly oauthError?: string;
  readonly entraMessage?: string;
  readonly correlationId?: string;
  readonly traceId?: string;
  readonly errorUri?: string;
  readonly httpStatus?: number;
  readonly timestamp?: string;
  readonly otherCodes?: number[];
  attempts?: number;

  constructor(init: TokenErrorInit) {
    super(`${init.code}: ${init.title}`);
    this.name = 'TokenError';
    this.kind = init.kind;
    this.code = init.code;
    this.title = init.title;
    this.explanation = init.explanation;
    this.fix = init.fix;
    this.aadsts = init.aadsts;
    this.oauthError = init.oauthError;
    this.entraMessage = init.entraMessage;
    this.correlationId = init.correlationId;
    this.traceId = init.traceId;
    this.errorUri = init.errorUri;
    this.httpStatus = init.httpStatus;
    this.timestamp = init.timestamp;
    this.attempts = init.attempts;
    this.otherCodes = init.otherCodes;
  }

  toJSON(): TokenErrorJson {
    const j: TokenErrorJson = {
      code: this.code,
      aadsts: this.aadsts ?? null,
      title: this.title,
      explanation: this.explanation,
      fix: this.fix,
      correlationId: this.correlationId ?? null,
      traceId: this.traceId ?? null,
      kind: this.kind,
    };
    if (this.errorUri) j.errorUri = this.errorUri;
    if (this.httpStatus !== undefined) j.httpStatus = this.httpStatus;
    if (this.entraMessage) j.entraMessage = this.entraMessage;
    if (this.oauthError) j.oauthError = this.oauthError;
    return j;
  }
}

export function isTokenError(e: unknown): e is TokenError {
  return e instanceof TokenError;
}

/** For bad local input (config, files, flags): no network involved. */
export function configError(code: string, title: string, explanation: string, fix: string): TokenError {
  return new TokenError({ kind: code.startsWith('credential/') ? 'credential' : 'config', code, title, explanation, fix });
}

export function cancelledError(): TokenError {
  return new TokenError({
    kind: 'cancelled',
    code: 'cancelled',
    title: 'Cancelled',
    explanation: 'The token request was cancelled before Entra answered.',
    fix: 'Run it again when ready.',
  });
}
