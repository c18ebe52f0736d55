// One HTTP POST over node:http / node:https (not global fetch: it costs ~95 ms on a cold
// CLI start, and in VS Code these modules are the proxy-aware ones). Bounded body size,
// per-attempt timeout, AbortSignal, optional CONNECT proxy; failures are classified so
// the caller can explain them.
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP, type Socket } from 'node:net';
import * as tls from 'node:tls';

export type NetworkFailureKind =
  | 'dns'
  | 'refused'
  | 'tls'
  | 'proxy'
  | 'timeout'
  | 'reset'
  | 'truncated'
  | 'too-large'
  | 'cancelled'
  | 'other';

export class NetworkFailure extends Error {
  constructor(
    readonly kind: NetworkFailureKind,
    message: string,
    readonly sysCode?: string,
    readonly proxyStatus?: number,
  ) {
    super(message);
    this.name = 'NetworkFailure';
  }
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  elapsedMs: number;
}

export interface PostOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Extra trusted CA certificates (PEM), e.g. the emulator's self-signed one. */
  ca?: string | Buffer | (string | Buffer)[];
  /** http://proxy:port for https targets (CONNECT tunnel). */
  proxy?: string;
  maxBodyBytes?: number;
}

const TLS_CODES = /^(CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS|ERR_SSL|EPROTO|HOSTNAME_MISMATCH)/;

export function classifySystemError(err: NodeJS.ErrnoException): NetworkFailureKind {
  const code = err.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL') return 'dns';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'EPIPE' || err.message === 'socket hang up') return 'reset';
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return 'timeout';
  if (TLS_CODES.test(code) || /certificate|ssl|tls/i.test(err.message)) return 'tls';
  return 'other';
}

/** Opens a CONNECT tunnel through an http proxy; resolves with the raw socket to wrap in TLS. */
function connectTunnel(proxy: URL, host: string, port: number, signal: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { host: `${host}:${port}` };
    if (proxy.username) {
      const cred = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
      headers['proxy-authorization'] = 'Basic ' + Buffer.from(cred).toString('base64');
    }
    const req = http.request({
      host: proxy.hostname,
      port: proxy.port || 80,
      method: 'CONNECT',
      path: `${host}:${port}`,
      headers,
      signal,
    });
    req.on('connect', (res, socket) => {
      if (res.statusCode === 200) resolve(socket);
      else {
        socket.destroy();
        reject(new NetworkFailure('proxy', `proxy refused the tunnel: HTTP ${res.statusCode}`, undefined, res.statusCode));
      }
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (signal.aborted) return reject(err);
      reject(new NetworkFailure('proxy', `cannot reach proxy ${proxy.host}: ${err.code ?? err.message}`, err.code));
    });
    req.end();
  });
}

/** The parts of the last target URL: a client posts to the same token endpoint again and again. */
let lastTarget: { text: string; url: URL; isHttps: boolean; host: string; port: number; path: string } | undefined;

function parseTarget(text: string): NonNullable<typeof lastTarget> {
  if (lastTarget?.text === text) return lastTarget;
  const url = new URL(text);
  const isHttps = url.protocol === 'https:';
  lastTarget = {
    text,
    url,
    isHttps,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || (isHttps ? 443 : 80)),
    path: url.pathname + url.search,
  };
  return lastTarget;
}

/**
 * Connections opened ahead of their request (TokenClient.preconnect), by host:port; each serves one request.
 * A one-shot process (the CLI) lets the TCP and TLS handshakes run while it loads the credential. Unused, one
 * is dropped after a few seconds (an idle socket may be closed by the server); failed, it is dropped at once
 * and the request connects afresh, so it fails the way it would have.
 */
interface EarlyConnection {
  socket: tls.TLSSocket;
  ca: PostOptions['ca'];
  timer: NodeJS.Timeout;
}
const early = new Map<string, EarlyConnection>();
const EARLY_SHELF_LIFE_MS = 10_000;

function dropEarly(key: string, e: EarlyConnection): void {
  if (early.get(key) !== e) return;
  early.delete(key);
  clearTimeout(e.timer);
  e.socket.destroy();
}

/** Starts connecting to an https target's host (TCP + TLS), for the next postForm to that host and CA. */
export function preconnect(target: string, ca?: PostOptions['ca']): void {
  const { isHttps, host, port } = parseTarget(target);
  const key = `${host}:${port}`;
  if (!isHttps || early.has(key)) return;
  // What https.Agent would open: SNI for names (not for IP literals), the same trusted CAs.
  const socket = tls.connect({ host, port, servername: isIP(host) ? undefined : host, ca });
  // Keeps no process alive until a request takes it.
  socket.unref();
  const e: EarlyConnection = { socket, ca, timer: setTimeout(() => dropEarly(key, e), EARLY_SHELF_LIFE_MS).unref() };
  socket.on('error', () => dropEarly(key, e));
  socket.on('close', () => dropEarly(key, e));
  early.set(key, e);
}

function takeEarly(host: string, port: number, ca: PostOptions['ca']): tls.TLSSocket | undefined {
  const key = `${host}:${port}`;
  const e = early.get(key);
  if (!e || e.ca !== ca || e.socket.destroyed) return undefined;
  early.delete(key);
  clearTimeout(e.timer);
  e.socket.ref();
  return e.socket;
}

/** What an AbortSignal would destroy the request with. */
function abortError(): Error {
  const e = new Error('The operation was aborted') as NodeJS.ErrnoException;
  e.name = 'AbortError';
  e.code = 'ABORT_ERR';
  return e;
}

export async function postForm(
  target: string,
  body: string,
  headers: Record<string, string>,
  opts: PostOptions,
): Promise<HttpResponse> {
  const { url, isHttps, host, port, path } = parseTarget(target);
  const maxBody = opts.maxBodyBytes ?? 1024 * 1024;
  const started = Date.now();
  // Timeout and caller cancellation tear the request down the same way (destroyed with an abort error, as an
  // AbortSignal would). No AbortController per request: one is made only to abandon a proxy tunnel being opened.
  let timedOut = false;
  let stopped = false;
  let finished = false;
  let req: http.ClientRequest | undefined;
  let tunnelCtl: AbortController | undefined;
  const stop = (): void => {
    // Not once the answer is in: the socket may already be back in the keep-alive pool.
    if (stopped || finished) return;
    stopped = true;
    tunnelCtl?.abort();
    req?.destroy(abortError());
  };
  const fail = (err: unknown): NetworkFailure => {
    if (timedOut) return new NetworkFailure('timeout', `no answer within ${Math.round(opts.timeoutMs / 1000)} s`);
    if (opts.signal?.aborted) return new NetworkFailure('cancelled', 'cancelled');
    if (err instanceof NetworkFailure) return err;
    const e = err as NodeJS.ErrnoException;
    return new NetworkFailure(classifySystemError(e), e.message, e.code);
  };
  if (opts.signal?.aborted) throw fail(abortError());
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
  }, opts.timeoutMs);
  opts.signal?.addEventListener('abort', stop, { once: true });
  let tunnel: Socket | undefined;
  // A connection of this request alone (TLS over the tunnel, or an early one), closed with it.
  let own: Socket | undefined;
  try {
    if (opts.proxy && isHttps) {
      tunnelCtl = new AbortController();
      tunnel = await connectTunnel(new URL(opts.proxy), url.hostname, port, tunnelCtl.signal);
      if (stopped) throw abortError();
    }
    // A string body (not a Buffer) lets node:http send headers and body in one write (one TLS record)
    // instead of a writev of two: measurably cheaper per warm request.
    const reqOpts: https.RequestOptions = {
      method: 'POST',
      host,
      port,
      path,
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body, 'utf8')) },
    };
    if (isHttps) {
      if (opts.ca) reqOpts.ca = opts.ca;
      // A request's own connection goes in createConnection with no agent: node:http ignores createConnection
      // when given `agent: false` (it makes a new Agent, which opens a direct connection).
      if (tunnel) {
        const sock = tunnel;
        reqOpts.createConnection = () => {
          own = tls.connect({ socket: sock, servername: isIP(url.hostname) ? undefined : url.hostname, ca: opts.ca });
          return own as unknown as Socket;
        };
      } else if (!opts.proxy) {
        const ready = takeEarly(host, port, opts.ca);
        if (ready) {
          own = ready;
          reqOpts.createConnection = () => ready as unknown as Socket;
        }
      }
    }
    return await new Promise<HttpResponse>((resolve, reject) => {
      let responded = false;
      req = (isHttps ? https : http).request(reqOpts, (res) => {
        responded = true;
        const chunks: Buffer[] = [];
        let size = 0;
        let done = false;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBody) {
            done = true;
            res.destroy();
            reject(new NetworkFailure('too-large', `response body larger than ${maxBody} bytes`));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => {
          finished = true;
          if (done) return;
          done = true;
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            elapsedMs: Date.now() - started,
          });
        });
        res.on('aborted', () => {
          if (done) return;
          done = true;
          reject(new NetworkFailure('truncated', 'the connection closed before the whole response arrived'));
        });
        res.on('error', (err) => {
          if (done) return;
          done = true;
          const f = fail(err);
          // A reset after the headers arrived means a partial body.
          reject(f.kind === 'reset' || f.kind === 'other' ? new NetworkFailure('truncated', 'the connection closed before the whole response arrived') : f);
        });
        res.on('close', () => {
          if (done) return;
          if (!res.complete) {
            done = true;
            reject(timedOut || opts.signal?.aborted ? fail(new Error('aborted')) : new NetworkFailure('truncated', 'the connection closed before the whole response arrived'));
          }
        });
      });
      req.on('error', (err) => {
        // Node reports a reset after the headers on the request too: part of the answer arrived.
        const f = fail(err);
        reject(responded && f.kind === 'reset' ? new NetworkFailure('truncated', 'the connection closed before the whole response arrived') : f);
      });
      req.end(body, 'utf8');
    });
  } catch (err) {
    throw fail(err);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', stop);
    // One request per tunnel or early connection: a lingering socket would keep a CLI process alive. The TLS
    // socket goes first: destroying a tunnel under a live TLS socket can crash Node 20.
    own?.destroy();
    tunnel?.destroy();
  }
}

/** Proxy for a target from HTTPS_PROXY / https_proxy, honouring NO_PROXY; never for loopback. */
export function proxyFromEnv(target: string, env: NodeJS.ProcessEnv): string | undefined {
  const url = new URL(target);
  if (url.protocol !== 'https:') return undefined;
  const proxy = env.HTTPS_PROXY ?? env.https_proxy ?? env.ALL_PROXY ?? env.all_proxy;
  if (!proxy) return undefined;
  const host = url.hostname.toLowerCase();
  if (host === 'localhost' || host.startsWith('127.') || host === '[::1]') return undefined;
  const noProxy = (env.NO_PROXY ?? env.no_proxy ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const n of noProxy) {
    if (n === '*') return undefined;
    const bare = n.replace(/^\*?\./, '').replace(/:\d+$/, '');
    if (host === bare || host.endsWith('.' + bare)) return undefined;
  }
  return /^[a-z]+:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}
