// Every line that may reach a log, the Output channel, stderr or an error message goes
// through a Redactor: known secret values are replaced wherever they appear (raw and
// URL-encoded), and anything shaped like a JWT, a credential form field or an
// Authorization header is masked even when we never saw the value.

const JWT_START = /\beyJ/g;
const FORM_FIELD = /\b(client_secret|client_assertion|password|access_token|refresh_token)=([^&\s"']+)/gi;
const JSON_FIELD = /("(?:client_secret|client_assertion|access_token|refresh_token|id_token|password)"\s*:\s*")((?:[^"\\]|\\.)*)"/gi;
const AUTH_HEADER = /\b(authorization:\s*(?:basic|bearer)\s+)\S+/gi;

export const REDACTED = '[REDACTED]';

export class Redactor {
  private readonly secrets = new Set<string>();

  constructor(secrets: Iterable<string | undefined> = []) {
    for (const s of secrets) this.add(s);
  }

  /** Registers a value that must never be shown (plus its URL-encoded forms). Very short values are ignored. */
  add(secret: string | undefined): this {
    if (!secret || secret.length < 4) return this;
    this.secrets.add(secret);
    const enc = encodeURIComponent(secret);
    this.secrets.add(enc);
    this.secrets.add(enc.replace(/%20/g, '+'));
    return this;
  }

  redact(text: string): string {
    let out = text;
    // Longest first so a secret that contains another is replaced whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(REDACTED);
    return redactPatterns(out);
  }
}

/** Pattern-only redaction, for text whose secrets we do not know. */
export function redactPatterns(text: string): string {
  return maskJwts(text)
    .replace(FORM_FIELD, (_m, k: string) => `${k}=${REDACTED}`)
    .replace(JSON_FIELD, (_m, k: string) => `${k}${REDACTED}"`)
    .replace(AUTH_HEADER, (_m, k: string) => `${k}${REDACTED}`);
}

/** "eyJ0eXAi…(1234 chars)": enough to recognise a token without being able to use it. */
export function maskToken(token: string): string {
  return token.length <= 12 ? REDACTED : `${token.slice(0, 8)}…(${token.length} chars)`;
}

/**
 * Masks anything shaped like a JWT (`eyJ…` base64url, '.', ≥4 chars, '.', any) — what
 * /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*\/g matches, in linear time: that regex
 * rescans a long "eyJ-eyJ-…" run from every start (seconds on 40 KB, far longer on a 1 MB body).
 */
function maskJwts(text: string): string {
  if (!text.includes('eyJ')) return text;
  // runEnd[i]: end of the base64url run that contains i, computed once from the right.
  const runEnd = new Uint32Array(text.length + 1);
  runEnd[text.length] = text.length;
  for (let i = text.length - 1; i >= 0; i--) runEnd[i] = isBase64Url(text.charCodeAt(i)) ? runEnd[i + 1]! : i;
  const out: string[] = [];
  let last = 0;
  JWT_START.lastIndex = 0;
  for (let m = JWT_START.exec(text); m; m = JWT_START.exec(text)) {
    const start = m.index;
    const end1 = runEnd[start]!;
    if (end1 - start < 7 || text[end1] !== '.') continue;
    const end2 = runEnd[end1 + 1]!;
    if (end2 - (end1 + 1) < 4 || text[end2] !== '.') continue;
    const end = runEnd[end2 + 1]!;
    out.push(text.slice(last, start), `${text.slice(start, start + 10)}…${REDACTED}`);
    last = end;
    JWT_START.lastIndex = end;
  }
  out.push(text.slice(last));
  return out.join('');
}

/** [A-Za-z0-9_-], by character code: a regex test per character cost more than the rest of the scan. */
function isBase64Url(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d;
}
