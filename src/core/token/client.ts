// The client-credentials client: ask Entra for an app-only token exactly as the app would
// (v2 endpoint, form-encoded), retry only what is worth retrying (429, 5xx, connection
// resets; at most twice; honouring Retry-After), cache, and explain every failure.
import { randomUUID } from 'node:crypto';
import { describeUnreadable, nodeHost } from '../config/host';
import { AssertionAlgorithm, AssertionCache } from './assertion';
import { AuthorityInput, resolveAuthority, ResolvedAuthority } from './authority';
import { cacheKey, fingerprint, TokenCache } from './cache';
import type { LoadedCertificate } from './certificate';
import { configError, TokenError, cancelledError } from './errors';
import { CredentialSummary, explainEntraError, explainNetworkFailure, RequestContext, secretShape } from './explain';
import { formEncode } from './form';
import { HttpResponse, NetworkFailure, postForm, preconnect } from './http';
import { htmlTitle, looksLikeHtml, parseEntraError } from './parse-error';
import { Redactor } from './redact';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export type ClientCredential =
  | {
      kind: 'secret';
      secret: string;
      /** Human description of where the secret came from. */
      source: string;
      /** Send it with HTTP Basic instead of in the body. */
      basicAuth?: boolean;
    }
  | {
      kind: 'certificate';
      certificate: LoadedCertificate;
      source: string;
      algorithm?: AssertionAlgorithm;
      sendX5C?: boolean;
    }
  | {
      /** A federated token (workload identity) re-read from a file on every request. */
      kind: 'federated';
      file: string;
      source: string;
    };

export interface AppTokenRequest {
  authority: AuthorityInput;
  clientId: string;
  /** Normally exactly one `{resource}/.default`; sent as given so Entra judges it. */
  scopes: string[];
  credential: ClientCredential;
}

export interface TokenResult {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  /** ISO time. */
  expiresOn: string;
  extExpiresIn?: number;
  scope: string;
  clientId: string;
  tenant: string;
  tokenEndpoint: string;
  authorityHost: string;
  cloud?: string;
  credential: CredentialSummary;
  fromCache: boolean;
  attempts: number;
  /** The client-request-id we sent (Entra echoes it as correlation ID). */
  clientRequestId: string;
  warnings: string[];
}

export interface TokenClientOptions {
  /** Hosts the user allowed explicitly (user settings, or the CLI's --instance). */
  allowedHosts?: readonly string[];
  timeoutMs?: number;
  maxRetries?: number;
  /** Longest Retry-After we wait for; longer ones end the retries. */
  maxRetryAfterMs?: number;
  /** Extra trusted CA PEM(s) (tests: the emulator's certificate). */
  ca?: string | Buffer | (string | Buffer)[];
  /** Proxy URL for a given target, e.g. from HTTPS_PROXY. */
  proxyFor?: (url: string) => string | undefined;
  /** Every line is redacted before it gets here. */
  log?: (line: string) => void;
  userAgent?: string;
}

export interface AcquireOptions {
  signal?: AbortSignal;
  forceRefresh?: boolean;
}

const DEFAULT_TIMEOUT_MS = 30_000;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(cancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(v: string | string[] | undefined, nowMs = Date.now()): number | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  if (!s) return undefined;
  if (/^\s*\d+\s*$/.test(s)) return Number(s) * 1000;
  const d = Date.parse(s);
  return Number.isNaN(d) ? undefined : Math.max(0, d - nowMs);
}

function numberish(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v);
  return undefined;
}

export function summarizeCredential(c: ClientCredential): CredentialSummary {
  switch (c.kind) {
    case 'secret':
      return { kind: 'secret', source: c.source, secretShape: secretShape(c.secret) };
    case 'certificate':
      return {
        kind: 'certificate',
        source: c.source,
        thumbprintSha1: c.certificate.sha1Hex,
        thumbprintSha256: c.certificate.sha256Hex,
        algorithm: c.algorithm ?? 'PS256',
        sendX5C: Boolean(c.sendX5C),
      };
    case 'federated':
      return { kind: 'federated', source: c.source };
  }
}

/** A server could echo what we sent; never let that reach a message. */
function redactError(e: TokenError, r: Redactor): TokenError {
  const j = e.toJSON();
  return new TokenError({
    ...j,
    aadsts: e.aadsts,
    correlationId: e.correlationId,
    traceId: e.traceId,
    timestamp: e.timestamp,
    otherCodes: e.otherCodes,
    title: r.redact(e.title),
    explanation: r.redact(e.explanation),
    fix: r.redact(e.fix),
    entraMessage: e.entraMessage === undefined ? undefined : r.redact(e.entraMessage),
  });
}

/** Cache-key input for a credential: changing the secret or certificate never returns a stale token. */
function credentialFingerprint(cred: ClientCredential): string {
  return cred.kind === 'secret'
    ? fingerprint('secret', cred.secret)
    : cred.kind === 'certificate'
      ? fingerprint('cert', cred.certificate.sha256Hex, cred.algorithm ?? 'PS256', cred.sendX5C ? 'x5c' : '')
      : fingerprint('federated', cred.file);
}

function sameHosts(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((h, i) => h === b[i]);
}

export class TokenClient {
  private readonly cache = new TokenCache<TokenResult>();
  private readonly assertions = new AssertionCache();
  /** Resolved authorities by input: a client asks the same endpoint again and again. */
  private readonly authorities = new Map<string, ResolvedAuthority>();
  private lastAuthority: (AuthorityInput & { allowedHosts: readonly string[] | undefined; resolved: ResolvedAuthority }) | undefined;

  constructor(private readonly options: TokenClientOptions = {}) {}

  /** Resolves the endpoint and checks the host policy without sending anything. */
  resolve(request: AppTokenRequest): ResolvedAuthority {
    return resolveAuthority(request.authority, { allowedHosts: this.options.allowedHosts });
  }

  /**
   * resolve(), remembered per input and policy. The policy is read each time: the extension's allowed hosts
   * follow the user's settings. The last input is compared field by field first (a client usually asks the
   * same endpoint again and again), then a small map.
   */
  private resolved(input: AuthorityInput): ResolvedAuthority {
    const allowedHosts = this.options.allowedHosts;
    const last = this.lastAuthority;
    if (
      last &&
      last.instance === input.instance &&
      last.tenantId === input.tenantId &&
      last.authority === input.authority &&
      sameHosts(last.allowedHosts, allowedHosts)
    ) {
      return last.resolved;
    }
    const k = JSON.stringify([input.instance, input.tenantId, input.authority, allowedHosts]);
    let r = this.authorities.get(k);
    if (!r) {
      r = resolveAuthority(input, { allowedHosts });
      if (this.authorities.size >= 16) this.authorities.clear();
      this.authorities.set(k, r);
    }
    this.lastAuthority = { instance: input.instance, tenantId: input.tenantId, authority: input.authority, allowedHosts: allowedHosts && [...allowedHosts], resolved: r };
    return r;
  }

  /**
   * Starts connecting to the token endpoint of `authority` (TCP and TLS handshakes, nothing sent), for the
   * next acquire() to use: a one-shot caller loads the credential meanwhile. Nothing happens when the host is
   * not allowed (acquire() reports that) or a proxy is in the way. True when a connection was started.
   */
  preconnect(authority: AuthorityInput): boolean {
    let endpoint: string;
    try {
      endpoint = this.resolved(authority).tokenEndpoint;
    } catch {
      return false;
    }
    if (!endpoint.startsWith('https:') || this.options.proxyFor?.(endpoint)) return false;
    preconnect(endpoint, this.options.ca);
    return true;
  }

  clearCache(): void {
    this.cache.clear();
    this.assertions.clear();
  }

  async acquire(request: AppTokenRequest, opts: AcquireOptions = {}): Promise<TokenResult> {
    const authority = this.resolved(request.authority);
    const clientId = request.clientId.trim();
    if (!clientId) {
      throw configError('config/missing-client-id', 'No ClientId', 'The request has no client ID.', 'Set ClientId to the Application (client) ID from the app registration’s Overview page.');
    }
    const scopes = request.scopes.map((s) => s.trim()).filter(Boolean);
    if (scopes.length === 0) {
      throw configError('config/missing-scope', 'No scope', 'The request names no scope.', "Use '{resource}/.default', e.g. https://graph.microsoft.com/.default.");
    }
    const scope = scopes.join(' ');
    const cred = request.credential;
    const summary = summarizeCredential(cred);
    // What was sent and must never be shown. The Redactor is built only when a log line or an error needs it.
    const sent: string[] = cred.kind === 'secret' ? [cred.secret] : [];
    let redactor: Redactor | undefined;
    const redacting = (): Redactor => (redactor ??= new Redactor(sent));
    const hide = (value: string): void => {
      sent.push(value);
      redactor?.add(value);
    };
    const sink = this.options.log;
    const log = sink ? (line: string): void => sink(redacting().redact(line)) : undefined;

    // The key (two hashes) is worked out here only when the cache could hold it, else once the request is sent.
    let key: string | undefined;
    if (!opts.forceRefresh && this.cache.size > 0) {
      key = cacheKey(authority.tokenEndpoint, clientId, scopes, credentialFingerprint(cred));
      const hit = this.cache.get(key);
      if (hit) {
        log?.(`token for ${scope} served from the in-memory cache (expires ${hit.expiresOn})`);
        return { ...hit, fromCache: true };
      }
    }

    const ctx: RequestContext = {
      clientId,
      tenant: authority.tenant,
      tokenEndpoint: authority.tokenEndpoint,
      host: authority.host,
      cloudName: authority.cloud?.displayName,
      scope,
      credential: summary,
    };
    const warnings: string[] = [];
    const clientRequestId = randomUUID();
    const maxRetries = this.options.maxRetries ?? 2;
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const maxRetryAfterMs = this.options.maxRetryAfterMs ?? 30_000;
    const proxy = this.options.proxyFor?.(authority.tokenEndpoint);

    let attempt = 0;
    for (;;) {
      attempt++;
      if (opts.signal?.aborted) throw cancelledError();
      const params: [string, string][] = [
        ['grant_type', 'client_credentials'],
        ['client_id', clientId],
        ['scope', scope],
      ];
      const headers: Record<string, string> = {
        'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
        accept: 'application/json',
        'client-request-id': clientRequestId,
        'return-client-request-id': 'true',
        'user-agent': this.options.userAgent ?? 'entra-app-doctor',
      };
      if (cred.kind === 'secret') {
        if (cred.basicAuth) {
          const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(cred.secret)}`).toString('base64');
          headers.authorization = 'Basic ' + basic;
          hide(basic);
        } else params.push(['client_secret', cred.secret]);
      } else {
        const assertion = await this.assertionFor(cred, clientId, authority.tokenEndpoint, summary);
        hide(assertion);
        params.push(['client_assertion_type', CLIENT_ASSERTION_TYPE], ['client_assertion', assertion]);
      }

      log?.(
        `POST ${authority.tokenEndpoint} client_id=${clientId} scope=${scope} credential=${cred.kind} from ${cred.source}` +
          (cred.kind === 'certificate' ? ` (thumbprint ${cred.certificate.sha1Hex}, ${cred.algorithm ?? 'PS256'})` : '') +
          `${proxy ? ` via proxy ${proxy}` : ''} [attempt ${attempt}, client-request-id ${clientRequestId}]`,
      );
      let res: HttpResponse;
      try {
        const answer = postForm(authority.tokenEndpoint, formEncode(params), headers, { timeoutMs, signal: opts.signal, ca: this.options.ca, proxy });
        // The cache key is worked out while the request is on its way.
        key ??= cacheKey(authority.tokenEndpoint, clientId, scopes, credentialFingerprint(cred));
        res = await answer;
      } catch (err) {
        if (!(err instanceof NetworkFailure)) throw err;
        log?.(`← network failure: ${err.kind} (${err.message})`);
        if (err.kind === 'reset' && attempt <= maxRetries) {
          await sleep(this.backoff(attempt), opts.signal);
          continue;
        }
        const e = explainNetworkFailure(err, ctx, proxy);
        e.attempts = attempt;
        throw e;
      }
      log?.(`← HTTP ${res.status} in ${res.elapsedMs} ms`);

      if (res.status === 429 || res.status >= 500) {
        const ra = parseRetryAfter(res.headers['retry-after']);
        if (attempt <= maxRetries && (ra === undefined || ra <= maxRetryAfterMs)) {
          const wait = ra ?? this.backoff(attempt);
          log?.(`  retrying in ${Math.round(wait / 100) / 10} s${ra !== undefined ? ' (Retry-After)' : ''} [${attempt}/${maxRetries}]`);
          await sleep(wait, opts.signal);
          continue;
        }
      }
      if (res.status === 200) {
        let result: TokenResult;
        try {
          result = this.parseSuccess(res, ctx, authority, summary, attempt, clientRequestId, warnings);
        } catch (err) {
          // A 200 without a token quotes the body, and a hostile server may echo the secret in it.
          if (!(err instanceof TokenError)) throw err;
          const e = redactError(err, redacting());
          e.attempts = attempt;
          throw e;
        }
        this.cache.set(key, result, Date.parse(result.expiresOn));
        if (log) {
          redacting().add(result.accessToken);
          log(`token issued for ${scope}, expires in ${result.expiresIn} s`);
        }
        return result;
      }
      const e = redactError(this.failure(res, ctx), redacting());
      e.attempts = attempt;
      log?.(`← ${e.code}: ${e.title}${e.correlationId ? ` (correlation ${e.correlationId})` : ''}`);
      throw e;
    }
  }

  private backoff(attempt: number): number {
    return 500 * 2 ** (attempt - 1);
  }

  private async assertionFor(cred: Exclude<ClientCredential, { kind: 'secret' }>, clientId: string, aud: string, summary: CredentialSummary): Promise<string> {
    if (cred.kind === 'certificate') {
      return this.assertions.get(cred.certificate, { clientId, audience: aud, algorithm: cred.algorithm, sendX5C: cred.sendX5C });
    }
    // SignedAssertionFileDiskPath may come from a cloned repository's config: bounded read (no FIFO hang).
    const bytes = await nodeHost.readFile(cred.file);
    const text = bytes ? new TextDecoder('utf-8').decode(bytes).trim() : undefined;
    if (text === undefined) {
      const why = (await describeUnreadable(cred.file)) ?? 'cannot be read';
      throw configError(
        'credential/assertion-file',
        'Cannot read the federated token file',
        `${cred.source}: ${why === 'no such file' ? 'the file does not exist' : why}. Outside the platform that mounts it (AKS workload identity, GitHub OIDC…) this file usually does not exist.`,
        'Run where the platform provides the token file, or point AZURE_FEDERATED_TOKEN_FILE / SignedAssertionFileDiskPath at a current token.',
      );
    }
    const parts = text.split('.');
    if (parts.length !== 3) {
      throw configError('credential/assertion-not-jwt', 'The federated token file does not hold a JWT', `${cred.source} does not contain a JWT (three dot-separated parts).`, 'Point it at the projected service-account / OIDC token file.');
    }
    try {
      const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
      const exp = numberish(payload.exp);
      if (exp) summary.assertionExpiresAt = new Date(exp * 1000).toISOString();
      if (typeof payload.iss === 'string') summary.assertionIssuer = payload.iss;
    } catch {
      // unreadable payload: Entra will say what is wrong with it
    }
    return text;
  }

  private parseSuccess(
    res: HttpResponse,
    ctx: RequestContext,
    authority: ResolvedAuthority,
    summary: CredentialSummary,
    attempts: number,
    clientRequestId: string,
    warnings: string[],
  ): TokenResult {
    let json: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = JSON.parse(res.body);
      if (parsed && typeof parsed === 'object') json = parsed as Record<string, unknown>;
    } catch {
      // handled below
    }
    const token = json && typeof json.access_token === 'string' ? json.access_token : undefined;
    if (!json || !token) {
      throw this.nonEntra(res, ctx, 'HTTP 200 without a token');
    }
    const expiresIn = numberish(json.expires_in) ?? 3599;
    const expiresOnSec = numberish(json.expires_on);
    return {
      accessToken: token,
      tokenType: typeof json.token_type === 'string' ? json.token_type : 'Bearer',
      expiresIn,
      expiresOn: new Date(expiresOnSec ? expiresOnSec * 1000 : Date.now() + expiresIn * 1000).toISOString(),
      extExpiresIn: numberish(json.ext_expires_in),
      scope: ctx.scope,
      clientId: ctx.clientId,
      tenant: authority.tenant,
      tokenEndpoint: authority.tokenEndpoint,
      authorityHost: authority.host,
      cloud: authority.cloud?.id,
      credential: summary,
      fromCache: false,
      attempts,
      clientRequestId,
      warnings,
    };
  }

  private failure(res: HttpResponse, ctx: RequestContext): TokenError {
    const entra = parseEntraError(res.body);
    if (entra) return explainEntraError(entra, res.status, ctx);
    return this.nonEntra(res, ctx);
  }

  private nonEntra(res: HttpResponse, ctx: RequestContext, what?: string): TokenError {
    const ct = String(res.headers['content-type'] ?? '');
    const retryNote = res.status === 429 || res.status >= 500 ? ' (retried, still failing)' : '';
    if (looksLikeHtml(ct, res.body)) {
      const title = htmlTitle(res.body);
      return new TokenError({
        kind: 'http',
        code: 'http/html',
        title: `HTML page instead of a token response (HTTP ${res.status})`,
        explanation: `${ctx.host} answered with a web page${title ? ` titled "${title}"` : ''}${retryNote}. Entra's token endpoint answers in JSON, so something in between — a proxy, gateway, captive portal or firewall — answered instead, or the URL is not a token endpoint.`,
        fix: 'Check proxy/VPN settings and the Instance URL; if the page is a sign-in or captive portal, sign in to the network first.',
        httpStatus: res.status,
      });
    }
    if (res.status >= 300 && res.status < 400) {
      // node:http never follows redirects: the credential went to the configured host only.
      let target = 'another address';
      try {
        const loc = new URL(String(res.headers.location ?? ''), ctx.tokenEndpoint);
        target = loc.host.toLowerCase() === ctx.host.toLowerCase() || loc.host.toLowerCase() === new URL(ctx.tokenEndpoint).host.toLowerCase() ? `another path on ${loc.host}` : loc.host;
      } catch {
        // no usable Location header
      }
      return new TokenError({
        kind: 'http',
        code: 'http/redirect',
        title: `Redirect (HTTP ${res.status}) instead of a token response`,
        explanation: `${ctx.host} redirected the token request to ${target}. Entra's token endpoint never redirects, so the redirect was not followed and the credential was not sent anywhere else. The Instance/Authority probably points at a web page or portal, or a proxy or captive portal redirects to its sign-in page.`,
        fix: 'Point Instance/Authority at the Entra authority host itself (e.g. https://login.microsoftonline.com/); if a network sign-in page is in the way, sign in first.',
        httpStatus: res.status,
      });
    }
    const snippet = res.body.slice(0, 120).replace(/\s+/g, ' ');
    return new TokenError({
      kind: 'http',
      code: res.status >= 400 ? `http/${res.status}` : 'http/non-json',
      title: what ?? `Unexpected HTTP ${res.status} response`,
      explanation: `${ctx.host} answered HTTP ${res.status}${retryNote} with ${res.body ? `a body that is not Entra's error JSON ("${snippet}${res.body.length > 120 ? '…' : ''}")` : 'an empty body'}.`,
      fix: res.status === 429 ? 'Entra is throttling: wait and retry, and cache tokens instead of requesting one per call.' : res.status >= 500 ? 'Entra or something in between is failing; retry later.' : 'Check the Instance/Authority URL.',
      httpStatus: res.status,
    });
  }
}
