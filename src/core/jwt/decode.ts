// Decodes a JWT's header and claims without verifying anything. Every failure says what is
// wrong with the input, never echoes the input itself (it may be a live token).

/** Real Entra access tokens are a few KB; anything far bigger is not a token. */
export const MAX_TOKEN_LENGTH = 64 * 1024;

export type JwtErrorCode =
  | 'empty'
  | 'too-large'
  | 'encrypted'
  | 'not-three-parts'
  | 'bad-base64url'
  | 'not-json'
  | 'not-object';

export class JwtDecodeError extends Error {
  constructor(
    readonly code: JwtErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'JwtDecodeError';
  }
}

export type JwtHeader = Record<string, unknown>;
export type JwtClaims = Record<string, unknown>;

export interface DecodedJwt {
  header: JwtHeader;
  claims: JwtClaims;
  /** Length of the raw token in characters (after trimming a "Bearer " prefix). */
  length: number;
  /** Whether a signature part is present (it is never checked here). */
  hasSignature: boolean;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Accepts the token as users paste it: surrounding whitespace or quotes, a "Bearer " prefix or a
 * whole "Authorization: Bearer …" header line, line breaks inside.
 */
export function normalizeTokenInput(input: string): string {
  let s = input.trim();
  s = s.replace(/^authorization\s*:\s*/i, '').replace(/^bearer\s+/i, '');
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) s = s.slice(1, -1).trim();
  // A JWT never contains whitespace: drop the line breaks of a token wrapped by a terminal or mail.
  return s.replace(/\s+/g, '');
}

export function decodeToken(input: string): DecodedJwt {
  if (input.length > MAX_TOKEN_LENGTH * 2) throw tooLarge(input.length);
  const token = normalizeTokenInput(input);
  if (token.length === 0) throw new JwtDecodeError('empty', 'No token given: the input is empty.');
  if (token.length > MAX_TOKEN_LENGTH) throw tooLarge(token.length);

  const parts = token.split('.');
  if (parts.length === 5) {
    throw new JwtDecodeError(
      'encrypted',
      'This is an encrypted token (JWE, five parts): only the API it was issued for can read it. Entra encrypts some tokens for Microsoft APIs; there is nothing to decode.',
    );
  }
  if (parts.length !== 3) {
    throw new JwtDecodeError(
      'not-three-parts',
      `Not a JWT: a JWT has three parts separated by dots (header.payload.signature), this input has ${parts.length}.`,
    );
  }
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  checkPart(headerPart, 'header');
  checkPart(payloadPart, 'payload');
  if (!BASE64URL.test(signaturePart)) {
    throw new JwtDecodeError('bad-base64url', 'The signature part is not base64url (only A–Z, a–z, 0–9, "-" and "_" are allowed).');
  }

  // One pass decodes and checks each part (jose's decodeJwt would decode both again for the same result).
  const header = parseJsonPart(headerPart, 'header');
  const claims = parseJsonPart(payloadPart, 'payload');
  return { header, claims, length: token.length, hasSignature: signaturePart.length > 0 };
}

function tooLarge(length: number): JwtDecodeError {
  return new JwtDecodeError(
    'too-large',
    `The input is ${Math.round(length / 1024)} KB; a JWT access token is a few KB at most (limit ${MAX_TOKEN_LENGTH / 1024} KB). Paste only the token.`,
  );
}

function checkPart(part: string, name: 'header' | 'payload'): void {
  if (part.length === 0) throw new JwtDecodeError('bad-base64url', `The ${name} part is empty.`);
  if (!BASE64URL.test(part)) {
    const bad = part.match(/[^A-Za-z0-9_-]/)?.[0] ?? '';
    const shown = bad === '=' ? '"=" padding' : bad === '+' || bad === '/' ? `"${bad}" (standard base64, not base64url)` : `character ${JSON.stringify(bad)}`;
    throw new JwtDecodeError('bad-base64url', `The ${name} part is not base64url: it contains ${shown}.`);
  }
  if (part.length % 4 === 1) throw new JwtDecodeError('bad-base64url', `The ${name} part is not valid base64url (its length is impossible; the token may be cut off).`);
}

function parseJsonPart(part: string, name: 'header' | 'payload'): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(UTF8.decode(Buffer.from(part, 'base64url')));
  } catch {
    throw new JwtDecodeError('not-json', `The ${name} part decodes, but not to JSON — this is not a JWT${name === 'payload' ? ' (or it was cut off)' : ''}.`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new JwtDecodeError('not-object', `The ${name} part is JSON but not an object, so it is not a JWT ${name}.`);
  }
  return value as Record<string, unknown>;
}
