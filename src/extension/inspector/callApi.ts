// "Call Web API": one request to BaseUrl + RelativePath with the token, measured, with the answer
// shaped for the inspector (pretty JSON body, cut when large) and a 401/403 read by core/jwt.
// node:http(s) in the extension host follows VS Code's proxy settings.
import * as http from 'node:http';
import * as https from 'node:https';
import { diagnoseApiResponse, formatApiBody, type TokenSummary } from '../../core/jwt';
import { isLoopbackHost, redactPatterns } from '../../core/token';
import type { ApiCallResult } from '../../webview/protocol';

const MAX_BODY_BYTES = 2 * 1024 * 1024;
const SHOWN_BODY_CHARS = 64 * 1024;
const TIMEOUT_MS = 30_000;

export class ApiCallError extends Error {}

/** Only https (plain http for loopback test servers): the bearer token must not travel in clear. */
export function checkApiUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ApiCallError(`BaseUrl/RelativePath do not form a URL ('${raw}').`);
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  throw new ApiCallError(`'${url.origin}' is not https; the token is only sent over https (plain http only to loopback).`);
}

export async function callApi(
  target: { method: string; url: string },
  token: string,
  summary: Pick<TokenSummary, 'roles' | 'audience' | 'version' | 'microsoftApi' | 'kind'> | undefined,
  signal?: AbortSignal,
): Promise<ApiCallResult> {
  const url = checkApiUrl(target.url);
  const started = Date.now();
  const res = await new Promise<{ status: number; statusText: string; headers: http.IncomingHttpHeaders; body: Buffer; cut: boolean }>((resolve, reject) => {
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(url, { method: target.method, headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'user-agent': 'entra-app-doctor' }, signal, timeout: TIMEOUT_MS }, (r) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let cut = false;
      r.on('data', (c: Buffer) => {
        if (size >= MAX_BODY_BYTES) {
          cut = true;
          return;
        }
        chunks.push(c);
        size += c.length;
      });
      r.on('end', () => resolve({ status: r.statusCode ?? 0, statusText: r.statusMessage ?? '', headers: r.headers, body: Buffer.concat(chunks), cut }));
      r.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new ApiCallError(`No answer from ${url.host} within ${TIMEOUT_MS / 1000} s.`)));
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err instanceof ApiCallError) return reject(err);
      if (err.name === 'AbortError') return reject(new ApiCallError('Cancelled.'));
      reject(new ApiCallError(`${url.host}: ${err.code === 'ENOTFOUND' ? 'host not found' : err.code === 'ECONNREFUSED' ? 'connection refused' : err.message}.`));
    });
    req.end();
  });
  const durationMs = Date.now() - started;
  const text = res.body.toString('utf8');
  const contentType = String(res.headers['content-type'] ?? '');
  const shown = formatApiBody(text, contentType, SHOWN_BODY_CHARS);
  // Everything the server sent can echo the token (body, headers, status text, WWW-Authenticate that the diagnosis quotes).
  const scrub = (s: string): string => redactPatterns(s).split(token).join('[REDACTED]');
  const headers: [string, string][] = Object.entries(res.headers).map(([k, v]) => [k, scrub(Array.isArray(v) ? v.join(', ') : String(v ?? ''))]);
  return {
    method: target.method,
    url: url.toString(),
    status: res.status,
    statusText: scrub(res.statusText),
    durationMs,
    headers,
    body: scrub(shown.text),
    truncated: shown.truncated || res.cut,
    diagnosis: diagnoseApiResponse({ status: res.status, headers: res.headers, body: text, token: summary }).map((d) => ({ severity: d.severity, title: scrub(d.title), explanation: scrub(d.explanation) })),
  };
}
