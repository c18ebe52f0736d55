// Every line that may reach a log, the Output channel, stderr or an error message goes
// through a Redactor: known secret values are replaced wherever they appear (raw and
// URL-encoded), and anything shaped like a JWT, a credential form field or an
// Authorization header is masked even when we never saw the value.

const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
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
  return text
    .replace(JWT, (m) => `${m.slice(0, 10)}…${REDACTED}`)
    .replace(FORM_FIELD, (_m, k: string) => `${k}=${REDACTED}`)
    .replace(JSON_FIELD, (_m, k: string) => `${k}${REDACTED}"`)
    .replace(AUTH_HEADER, (_m, k: string) => `${k}${REDACTED}`);
}

/** "eyJ0eXAi…(1234 chars)": enough to recognise a token without being able to use it. */
export function maskToken(token: string): string {
  return token.length <= 12 ? REDACTED : `${token.slice(0, 8)}…(${token.length} chars)`;
}
