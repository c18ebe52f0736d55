// A local Entra token service for tests and demos (entra-facts.md §1, §3, §4, §8): the v2 and v1
// token endpoints for client credentials, discovery + JWKS, real RS256 tokens, Entra-shaped
// error bodies, and fault injection. Listens on loopback over HTTP and HTTPS (self-signed).
import { createHash, createPublicKey, KeyObject, randomUUID, X509Certificate } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { compactVerify, decodeJwt, decodeProtectedHeader, exportJWK, SignJWT } from 'jose';
import { selfSignedCertificate, TestCertificate } from './certs';
import { EmuApp, EmuFixture, EmuTenant } from './model';

export interface EmulatorOptions {
  host?: string;
  port?: number;
  /** Port of the TLS listener (0 = any free port). */
  httpsPort?: number;
  /** Also listen with TLS on another port (self-signed certificate for 127.0.0.1/localhost). Default true. */
  https?: boolean;
  /** Separator before "Trace ID:", "Correlation ID:", "Timestamp:" in error_description: both occur in the wild. */
  trailerSeparator?: '\r\n' | ' ';
  /** Code for a client_credentials request without any credential. */
  noCredentialCode?: 7000216 | 7000218;
  /** Code for `/.default` scopes of two resources in one request. */
  multiResourceCode?: 70011 | 700022;
  /** expires_in of issued tokens. */
  tokenLifetimeSec?: number;
  /** Emit the optional `idtyp: "app"` claim. */
  idtypClaim?: boolean;
  /** Allowed clock skew for client assertions. */
  clockSkewSec?: number;
}

export type Fault =
  | { kind: 'delay'; ms: number }
  | { kind: 'status'; status: number; retryAfter?: string | number; body?: string }
  | { kind: 'html'; status?: number }
  | { kind: 'reset' }
  | { kind: 'truncate' }
  | { kind: 'hang' };

interface QueuedFault {
  fault: Fault;
  times: number;
  path: RegExp;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  form: URLSearchParams;
  tls: boolean;
}

class EntraFailure {
  constructor(
    readonly code: number,
    readonly error: string,
    readonly message: string,
    readonly status = error === 'invalid_client' ? 401 : 400,
  ) {}
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const PUBLIC_HOSTS = ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'];

function entraTimestamp(d: Date): string {
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** "2024-08-01T10:00:00.0000000Z", the 7-digit form Entra prints in 700024. */
function entraIso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, '.0000000Z');
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

export class EntraEmulator {
  readonly requests: RecordedRequest[] = [];
  private faults: QueuedFault[] = [];
  private sockets = new Set<Socket>();
  private httpServer?: http.Server;
  private httpsServer?: https.Server;
  private signingKey!: KeyObject;
  private signingCert!: TestCertificate;
  private kid!: string;
  /** PEM of the HTTPS server's self-signed certificate; pass it as the client's trusted CA. */
  caPem = '';
  url = '';
  httpsUrl = '';
  readonly options: Required<EmulatorOptions>;

  private constructor(
    readonly fixture: EmuFixture,
    options: EmulatorOptions,
  ) {
    this.options = {
      host: '127.0.0.1',
      port: 0,
      httpsPort: 0,
      https: true,
      trailerSeparator: '\r\n',
      noCredentialCode: 7000216,
      multiResourceCode: 70011,
      tokenLifetimeSec: 3599,
      idtypClaim: true,
      clockSkewSec: 300,
      ...options,
    };
  }

  static async start(fixture: EmuFixture, options: EmulatorOptions = {}): Promise<EntraEmulator> {
    const emu = new EntraEmulator(fixture, options);
    await emu.listen();
    return emu;
  }

  /** `{url}/` — what goes into `Instance` / `--instance`. */
  get instance(): string {
    return this.url + '/';
  }

  get httpsInstance(): string {
    return this.httpsUrl + '/';
  }

  tokenEndpoint(tenant: string, opts: { v1?: boolean; tls?: boolean } = {}): string {
    return `${opts.tls ? this.httpsUrl : this.url}/${tenant}/oauth2/${opts.v1 ? '' : 'v2.0/'}token`;
  }

  /** Queues a fault for the next `times` requests whose path matches (default: token endpoints). */
  fault(fault: Fault, opts: { times?: number; path?: RegExp } = {}): void {
    this.faults.push({ fault, times: opts.times ?? 1, path: opts.path ?? /\/oauth2\/(v2\.0\/)?token$/ });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Token-endpoint requests only, for assertions about what the client sent. */
  tokenRequests(): RecordedRequest[] {
    return this.requests.filter((r) => /\/token$/.test(r.path));
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await Promise.all(
      [this.httpServer, this.httpsServer].map(
        (srv) => new Promise<void>((resolve) => (srv ? srv.close(() => resolve()) : resolve())),
      ),
    );
  }

  private async listen(): Promise<void> {
    this.signingCert = selfSignedCertificate('emulator token signing');
    this.signingKey = this.signingCert.privateKey;
    this.kid = this.signingCert.x5t;
    const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('emulator error: ' + (err instanceof Error ? err.message : String(err)));
        } else res.destroy();
      });
    };
    const track = (srv: http.Server | https.Server): void => {
      srv.on('connection', (s: Socket) => {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
      });
    };
    this.httpServer = http.createServer(handler);
    track(this.httpServer);
    await new Promise<void>((resolve) => this.httpServer!.listen(this.options.port, this.options.host, resolve));
    this.url = `http://${this.hostForUrl()}:${(this.httpServer.address() as AddressInfo).port}`;
    if (this.options.https) {
      const tlsCert = selfSignedCertificate('localhost', { altNames: ['localhost', '127.0.0.1'] });
      this.caPem = tlsCert.certPem;
      this.httpsServer = https.createServer({ key: tlsCert.keyPem, cert: tlsCert.certPem }, handler);
      track(this.httpsServer);
      this.httpsServer.on('secureConnection', (s: Socket) => {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
      });
      await new Promise<void>((resolve) => this.httpsServer!.listen(this.options.httpsPort, this.options.host, resolve));
      this.httpsUrl = `https://${this.hostForUrl()}:${(this.httpsServer.address() as AddressInfo).port}`;
    }
  }

  private hostForUrl(): string {
    return this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host;
  }

  // ---------------------------------------------------------------- request handling

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '/').split('?')[0]!;
    const tls = Boolean((req.socket as { encrypted?: boolean }).encrypted);
    const isForm = /application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '');
    this.requests.push({
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      body,
      form: new URLSearchParams(isForm ? body : ''),
      tls,
    });

    const origin = `${tls ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
    const queued = this.faults.find((f) => f.times > 0 && f.path.test(path));
    if (queued) {
      queued.times--;
      const stop = await this.applyFault(queued.fault, req, res);
      if (stop) return;
    }

    let m: RegExpExecArray | null;
    if ((m = /^\/([^/]+)\/oauth2\/(v2\.0\/)?token$/.exec(path))) {
      const result = await this.token(req, m[1]!, Boolean(m[2]), new URLSearchParams(isForm ? body : ''), origin);
      if (result instanceof EntraFailure) return this.sendError(res, result, origin, req);
      return this.sendJson(res, 200, result);
    }
    if ((m = /^\/([^/]+)\/(v2\.0\/)?\.well-known\/openid-configuration$/.exec(path))) {
      return this.discovery(res, m[1]!, Boolean(m[2]), origin, req);
    }
    if ((m = /^\/([^/]+)\/discovery\/(v2\.0\/)?keys$/.exec(path))) {
      return this.sendJson(res, 200, await this.jwks(m[1]!));
    }
    if (path === '/error') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Error lookup</title><p>Emulated Entra error lookup.</p>');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>404</title><h1>Not found</h1>');
  }

  /** Returns true when the fault produced the whole response (or none). */
  private async applyFault(fault: Fault, req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    switch (fault.kind) {
      case 'delay':
        await new Promise((r) => setTimeout(r, fault.ms));
        return false;
      case 'status': {
        const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json; charset=utf-8' };
        if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
        const failure =
          fault.status === 429
            ? new EntraFailure(90055, 'temporarily_unavailable', 'Too many requests were sent for this tenant. Please try again later.', 429)
            : new EntraFailure(0, 'temporarily_unavailable', 'The service is temporarily unavailable. Please try again later.', fault.status);
        const origin = `http://${req.headers.host ?? 'localhost'}`;
        const json = fault.body ?? JSON.stringify(this.errorBody(failure, origin, req));
        res.writeHead(fault.status, headers);
        res.end(json);
        return true;
      }
      case 'html':
        res.writeHead(fault.status ?? 502, { 'content-type': 'text/html' });
        res.end(
          '<!DOCTYPE html><html><head><title>502 - Web server received an invalid response while acting as a gateway or proxy server.</title></head>' +
            '<body><h1>Server Error</h1><h2>502 - Web server received an invalid response while acting as a gateway or proxy server.</h2></body></html>',
        );
        return true;
      case 'reset':
        req.socket.destroy();
        return true;
      case 'truncate': {
        const full = JSON.stringify({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: 'x'.repeat(400) });
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(full) });
        res.write(full.slice(0, 60));
        setTimeout(() => req.socket.destroy(), 20);
        return true;
      }
      case 'hang':
        return true;
    }
  }

  private sendJson(res: http.ServerResponse, status: number, obj: unknown): void {
    const text = JSON.stringify(obj);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store, no-cache',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  private errorBody(f: EntraFailure, origin: string, req: http.IncomingMessage): Record<string, unknown> {
    const sep = this.options.trailerSeparator;
    const traceId = randomUUID();
    const asked = String(req.headers['client-request-id'] ?? '');
    const correlationId = GUID.test(asked) ? asked : randomUUID();
    const ts = entraTimestamp(new Date());
    const prefix = f.code ? `AADSTS${f.code}: ` : '';
    const body: Record<string, unknown> = {
      error: f.error,
      error_description: `${prefix}${f.message}${sep}Trace ID: ${traceId}${sep}Correlation ID: ${correlationId}${sep}Timestamp: ${ts}`,
      error_codes: f.code ? [f.code] : [],
      timestamp: ts,
      trace_id: traceId,
      correlation_id: correlationId,
    };
    if (f.code) body.error_uri = `${origin}/error?code=${f.code}`;
    return body;
  }

  private sendError(res: http.ServerResponse, f: EntraFailure, origin: string, req: http.IncomingMessage): void {
    this.sendJson(res, f.status, this.errorBody(f, origin, req));
  }

  // ---------------------------------------------------------------- tenants and apps

  private findTenant(segment: string): EmuTenant | undefined {
    const s = segment.toLowerCase();
    return this.fixture.tenants.find((t) => t.id.toLowerCase() === s || t.domains.some((d) => d.toLowerCase() === s));
  }

  private tenantFor(segment: string, clientId: string | null): EmuTenant | EntraFailure {
    const s = segment.toLowerCase();
    if (s === 'common' || s === 'consumers') {
      return new EntraFailure(
        9001023,
        'invalid_request',
        'The grant type is not supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.',
      );
    }
    if (s === 'organizations') {
      const home = this.fixture.tenants.find((t) => t.apps.some((a) => a.appId.toLowerCase() === (clientId ?? '').toLowerCase()));
      if (home) return home;
      return this.appNotFound(clientId ?? '', 'organizations');
    }
    if (!GUID.test(s) && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(s)) {
      return new EntraFailure(
        900023,
        'invalid_request',
        `Specified tenant identifier '${segment}' is neither a valid DNS name, nor a valid external domain.`,
      );
    }
    const t = this.findTenant(s);
    if (t) return t;
    return new EntraFailure(
      90002,
      'invalid_request',
      `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    );
  }

  private appNotFound(clientId: string, tenant: string): EntraFailure {
    return new EntraFailure(
      700016,
      'unauthorized_client',
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    );
  }

  // ---------------------------------------------------------------- token endpoint

  private async token(
    req: http.IncomingMessage,
    tenantSegment: string,
    v2: boolean,
    form: URLSearchParams,
    origin: string,
  ): Promise<Record<string, unknown> | EntraFailure> {
    if (req.method !== 'POST') {
      return new EntraFailure(900561, 'invalid_request', `The endpoint only accepts POST, OPTIONS requests. Received a ${req.method} request.`);
    }
    // HTTP Basic client authentication (RFC 6749 §2.3.1): both parts form-encoded.
    let basicId: string | undefined;
    let basicSecret: string | undefined;
    const auth = req.headers.authorization;
    if (auth && /^basic /i.test(auth)) {
      const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      if (i >= 0) {
        const dec = (s: string): string => decodeURIComponent(s.replace(/\+/g, ' '));
        basicId = dec(decoded.slice(0, i));
        basicSecret = dec(decoded.slice(i + 1));
      }
    }
    const grantType = form.get('grant_type');
    if (!grantType) return this.missing('grant_type');
    const clientId = form.get('client_id') ?? basicId ?? null;
    const tenantOrFail = this.tenantFor(tenantSegment, clientId);
    if (tenantOrFail instanceof EntraFailure) return tenantOrFail;
    const tenant = tenantOrFail;
    if (grantType !== 'client_credentials') {
      return new EntraFailure(70003, 'unsupported_grant_type', `The app requested an unsupported grant type '${grantType}'. (The emulator only implements client_credentials.)`);
    }
    if (!clientId) return this.missing('client_id');
    if (v2 && form.has('resource')) {
      return new EntraFailure(901002, 'invalid_request', "The 'resource' request parameter isn't supported.");
    }
    const scope = v2 ? form.get('scope') : form.get('resource');
    if (v2 && scope === null) {
      return new EntraFailure(90014, 'invalid_request', "The required field 'scope' is missing from the credential. Ensure that you have all the necessary parameters for the login request.");
    }
    if (!v2 && !scope) return this.missing('resource');

    const client = tenant.apps.find((a) => a.appId.toLowerCase() === clientId.toLowerCase());
    if (!client || !client.hasServicePrincipal) return this.appNotFound(clientId, tenant.id);
    if (!client.enabled) {
      return new EntraFailure(7000112, 'unauthorized_client', `Application '${client.appId}'(${client.displayName}) is disabled.`);
    }

    const secret = form.get('client_secret') ?? basicSecret ?? null;
    const assertion = form.get('client_assertion');
    const assertionType = form.get('client_assertion_type');
    if (client.publicClient && (secret !== null || assertion !== null)) {
      return new EntraFailure(700025, 'invalid_client', "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.");
    }
    let acr: '1' | '2';
    if (secret !== null) {
      const f = this.checkSecret(client, secret);
      if (f) return f;
      acr = '1';
    } else if (assertion !== null) {
      if (assertionType !== JWT_BEARER) {
        return new EntraFailure(50027, 'invalid_request', `Invalid JWT token. The client_assertion_type must be '${JWT_BEARER}'.`);
      }
      const f = await this.checkAssertion(client, tenant, assertion, req);
      if (f) return f;
      acr = '2';
    } else {
      return this.options.noCredentialCode === 7000218
        ? new EntraFailure(7000218, 'invalid_client', "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.")
        : new EntraFailure(7000216, 'invalid_client', "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.");
    }

    const target = v2 ? this.parseScope(scope!) : { resource: scope! };
    if (target instanceof EntraFailure) return target;
    const found = this.findResource(tenant, target.resource);
    if (!found) {
      return new EntraFailure(
        500011,
        'invalid_resource',
        `The resource principal named ${target.resource} was not found in the tenant named ${tenant.displayName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
      );
    }
    const { app: resource, byGuid } = found;
    if (resource.appId === client.appId && !byGuid) {
      return new EntraFailure(
        90009,
        'invalid_request',
        "Application is requesting a token for itself. This scenario is supported only if resource is specified using the GUID based App Identifier.",
      );
    }
    if (!resource.enabled) {
      return new EntraFailure(500014, 'invalid_resource', `The service principal for resource '${target.resource}' is disabled. This indicate that a subscription within the tenant has lapsed, or that the administrator for this tenant has disabled the application, preventing tokens from being issued for it.`);
    }
    const roles = tenant.assignments
      .filter((a) => a.clientAppId === client.appId && a.resourceAppId === resource.appId)
      .map((a) => a.roleValue);
    if (resource.appRoleAssignmentRequired && roles.length === 0) {
      return new EntraFailure(
        501051,
        'invalid_grant',
        `Application '${client.appId}'(${client.displayName}) is not assigned to a role for the application '${resource.identifierUris[0] ?? resource.appId}'(${resource.displayName}).`,
      );
    }
    return this.issue(tenant, client, resource, target.resource, roles, acr, v2);
  }

  private missing(name: string): EntraFailure {
    return new EntraFailure(900144, 'invalid_request', `The request body must contain the following parameter: '${name}'.`);
  }

  private checkSecret(client: EmuApp, secret: string): EntraFailure | undefined {
    const match = client.secrets.find((s) => s.value === secret);
    if (match && match.endDateTime.getTime() < Date.now()) {
      return new EntraFailure(
        7000222,
        'invalid_client',
        `The provided client secret keys for app '${client.appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
      );
    }
    if (match) return undefined;
    // Same text whether the secret ID or something else was sent: that is what Entra does.
    return new EntraFailure(
      7000215,
      'invalid_client',
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${client.appId}'.`,
    );
  }

  /** The URLs a client assertion may name as `aud` for this tenant (any public alias, this emulator's origin). */
  private acceptedAudiences(tenant: EmuTenant, req: http.IncomingMessage): Set<string> {
    const hosts = [...PUBLIC_HOSTS];
    if (req.headers.host) hosts.push(req.headers.host.toLowerCase());
    const out = new Set<string>();
    for (const host of hosts) {
      for (const scheme of ['https', 'http']) {
        for (const t of [tenant.id, ...tenant.domains]) {
          for (const p of ['oauth2/v2.0/token', 'oauth2/token', 'v2.0']) out.add(`${scheme}://${host}/${t}/${p}`.toLowerCase());
        }
      }
    }
    return out;
  }

  private async checkAssertion(
    client: EmuApp,
    tenant: EmuTenant,
    assertion: string,
    req: http.IncomingMessage,
  ): Promise<EntraFailure | undefined> {
    let header: Record<string, unknown>;
    let claims: Record<string, unknown>;
    try {
      header = decodeProtectedHeader(assertion) as Record<string, unknown>;
      claims = decodeJwt(assertion) as Record<string, unknown>;
    } catch {
      return new EntraFailure(50027, 'invalid_request', 'JWT token is invalid or malformed.');
    }
    const iss = typeof claims.iss === 'string' ? claims.iss : '';
    const sub = typeof claims.sub === 'string' ? claims.sub : '';

    if (iss.toLowerCase() !== client.appId.toLowerCase()) {
      // Not self-signed by the app: a federated (workload identity) token from another issuer.
      const byIssuer = client.federatedCredentials.filter((f) => f.issuer === iss);
      if (byIssuer.length === 0) {
        if (client.federatedCredentials.length === 0 && sub !== iss) {
          return new EntraFailure(50048, 'invalid_client', 'Subject mismatches Issuer claim in the client assertion.');
        }
        return new EntraFailure(700211, 'invalid_client', `No matching federated identity record found for presented assertion issuer '${iss}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation`);
      }
      const auds = Array.isArray(claims.aud) ? (claims.aud as unknown[]).map(String) : [String(claims.aud ?? '')];
      const cred = byIssuer.find((f) => f.subject === sub && f.audiences.some((a) => auds.includes(a)));
      if (!cred) {
        return new EntraFailure(70021, 'invalid_request', `No matching federated identity record found for presented assertion. Assertion Issuer: '${iss}'. Assertion Subject: '${sub}'. Assertion Audience: '${auds.join(',')}'. https://learn.microsoft.com/entra/workload-id/workload-identity-federation`);
      }
      try {
        await compactVerify(assertion, cred.issuerKey, { algorithms: ['RS256', 'PS256', 'ES256'] });
      } catch {
        return new EntraFailure(700027, 'invalid_client', 'Client assertion contains an invalid signature. [Reason - The provided signature value did not match the expected signature value.]');
      }
      return this.checkTimes(claims);
    }
    if (sub !== iss) return new EntraFailure(50048, 'invalid_client', 'Subject mismatches Issuer claim in the client assertion.');

    // Which registered certificate? x5t#S256, x5t, or the x5c chain's leaf.
    let x5cThumb: { x5t: string; x5tS256: string } | undefined;
    const x5c = Array.isArray(header.x5c) ? header.x5c[0] : header.x5c;
    if (typeof x5c === 'string') {
      try {
        const der = new X509Certificate(Buffer.from(x5c, 'base64')).raw;
        x5cThumb = {
          x5t: createHash('sha1').update(der).digest('base64url'),
          x5tS256: createHash('sha256').update(der).digest('base64url'),
        };
      } catch {
        return new EntraFailure(50027, 'invalid_request', 'Invalid JWT token. The x5c header is not a certificate.');
      }
    }
    const s256 = typeof header['x5t#S256'] === 'string' ? (header['x5t#S256'] as string) : undefined;
    const s1 = typeof header.x5t === 'string' ? header.x5t : undefined;
    if (!s256 && !s1 && !x5cThumb) {
      return new EntraFailure(50027, 'invalid_request', 'Invalid JWT token. No certificate thumbprint specified in token header.');
    }
    const cert = client.certificates.find(
      (c) =>
        (s256 !== undefined && c.x5tS256 === s256) ||
        (s1 !== undefined && c.x5t === s1) ||
        (x5cThumb !== undefined && c.x5tS256 === x5cThumb.x5tS256),
    );
    if (!cert) {
      const shown = s256 ?? s1 ?? x5cThumb!.x5t;
      const hex = Buffer.from(shown, 'base64url').toString('hex').toUpperCase();
      return new EntraFailure(
        700027,
        'invalid_client',
        `Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '${hex}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${client.appId}'. Review the documentation at https://docs.microsoft.com/en-us/graph/api/resources/application to learn how to configure certificates on the app.]`,
      );
    }
    try {
      await compactVerify(assertion, cert.publicKey, { algorithms: ['RS256', 'PS256'] });
    } catch {
      return new EntraFailure(
        700027,
        'invalid_client',
        `Client assertion contains an invalid signature. [Reason - The provided signature value did not match the expected signature value., Thumbprint of key used by client: '${cert.sha1Hex}', Found key 'Start=..., End=...']`,
      );
    }
    const auds = Array.isArray(claims.aud) ? (claims.aud as unknown[]).map(String) : [String(claims.aud ?? '')];
    const accepted = this.acceptedAudiences(tenant, req);
    if (!auds.some((a) => accepted.has(a.toLowerCase().replace(/\/$/, '')))) {
      return new EntraFailure(50027, 'invalid_request', `Invalid JWT token. The audience '${auds.join(',')}' of the client assertion is not this token endpoint.`);
    }
    return this.checkTimes(claims);
  }

  private checkTimes(claims: Record<string, unknown>): EntraFailure | undefined {
    const now = Math.floor(Date.now() / 1000);
    const nbf = num(claims.nbf) ?? 0;
    const exp = num(claims.exp);
    if (exp === undefined) return new EntraFailure(50027, 'invalid_request', "Invalid JWT token. The token has no 'exp' claim.");
    const skew = this.options.clockSkewSec;
    if (now + skew < nbf || now - skew > exp) {
      return new EntraFailure(
        700024,
        'invalid_client',
        `Client assertion is not within its valid time range. Current time: ${entraIso(now)}, assertion valid from ${entraIso(nbf)}, expiry time of assertion ${entraIso(exp)}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`,
      );
    }
    return undefined;
  }

  /** §8 scope rules: one entry, ends in /.default, resource = everything before the last '/'. */
  private parseScope(scope: string): { resource: string } | EntraFailure {
    const entries = scope.split(' ').filter(Boolean);
    const invalid = (extra: string): EntraFailure =>
      new EntraFailure(70011, 'invalid_scope', `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.${extra}`);
    if (entries.length === 0) {
      return new EntraFailure(90014, 'invalid_request', "The required field 'scope' is missing from the credential. Ensure that you have all the necessary parameters for the login request.");
    }
    const isDefault = (e: string): boolean => /\/\.default$/i.test(e);
    if (entries.length > 1) {
      const defaults = entries.filter(isDefault);
      if (defaults.length > 0 && defaults.length < entries.length) {
        return invalid(" .default scope can't be combined with resource-specific scopes.");
      }
      const resources = new Set(entries.map((e) => e.slice(0, e.lastIndexOf('/')).toLowerCase()));
      if (resources.size > 1) {
        return this.options.multiResourceCode === 700022
          ? new EntraFailure(700022, 'invalid_scope', "The provided value for the input parameter scope is not valid because it contains more than one resource. The scope " + scope + ' is not valid.')
          : invalid('');
      }
      if (defaults.length === 0) {
        return new EntraFailure(1002012, 'invalid_scope', `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
      }
    }
    const entry = entries[0]!;
    if (!isDefault(entry)) {
      return new EntraFailure(1002012, 'invalid_scope', `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
    }
    const resource = entry.slice(0, entry.lastIndexOf('/'));
    if (!resource) return invalid('');
    if (!GUID.test(resource) && !/^[a-z][a-z0-9+.-]*:/i.test(resource)) {
      return invalid(' The scope format is invalid. Scope must be in a valid URI form <https://example/scope> or a valid Guid <guid/scope>.');
    }
    return { resource };
  }

  /** By client ID, by exact identifier URI, then tolerating one trailing slash (as Entra does for v1 resources). */
  private findResource(tenant: EmuTenant, resource: string): { app: EmuApp; byGuid: boolean } | undefined {
    const sps = tenant.apps.filter((a) => a.hasServicePrincipal);
    const r = resource.toLowerCase();
    const byId = sps.find((a) => a.appId.toLowerCase() === r);
    if (byId) return { app: byId, byGuid: true };
    const exact = sps.find((a) => a.identifierUris.some((u) => u.toLowerCase() === r));
    if (exact) return { app: exact, byGuid: false };
    const trim = (s: string): string => s.replace(/\/$/, '');
    const loose = sps.find((a) => a.identifierUris.some((u) => trim(u.toLowerCase()) === trim(r)));
    return loose ? { app: loose, byGuid: false } : undefined;
  }

  private async issue(
    tenant: EmuTenant,
    client: EmuApp,
    resource: EmuApp,
    requested: string,
    roles: string[],
    acr: '1' | '2',
    v2Endpoint: boolean,
  ): Promise<Record<string, unknown>> {
    const version = resource.accessTokenAcceptedVersion === 2 ? 2 : 1;
    const now = Math.floor(Date.now() / 1000);
    const lifetime = this.options.tokenLifetimeSec;
    const claims: Record<string, unknown> = {
      aud: version === 2 ? resource.appId : requested,
      iss: version === 2 ? `https://login.microsoftonline.com/${tenant.id}/v2.0` : `https://sts.windows.net/${tenant.id}/`,
      iat: now - 300,
      nbf: now - 300,
      exp: now + lifetime,
      aio: Buffer.from(randomUUID()).toString('base64url'),
    };
    if (version === 1) {
      claims.appid = client.appId;
      claims.appidacr = acr;
      claims.idp = claims.iss;
    } else {
      claims.azp = client.appId;
      claims.azpacr = acr;
    }
    if (this.options.idtypClaim) claims.idtyp = 'app';
    claims.oid = client.servicePrincipalId;
    claims.rh = '0.' + Buffer.from(randomUUID()).toString('base64url') + '.';
    if (roles.length) claims.roles = roles;
    claims.sub = client.servicePrincipalId;
    claims.tid = tenant.id;
    claims.uti = Buffer.from(randomUUID()).toString('base64url').slice(0, 22);
    claims.ver = version === 2 ? '2.0' : '1.0';
    const header: Record<string, string> = { typ: 'JWT', alg: 'RS256', kid: this.kid };
    if (version === 1) header.x5t = this.kid;
    const token = await new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(this.signingKey);
    if (v2Endpoint) {
      return { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: token };
    }
    return {
      token_type: 'Bearer',
      expires_in: String(lifetime),
      ext_expires_in: String(lifetime),
      expires_on: String(now + lifetime),
      not_before: String(now - 300),
      resource: requested,
      access_token: token,
    };
  }

  // ---------------------------------------------------------------- discovery

  private discovery(res: http.ServerResponse, segment: string, v2: boolean, origin: string, req: http.IncomingMessage): void {
    const meta = ['common', 'organizations', 'consumers'].includes(segment.toLowerCase());
    const tenant = meta ? undefined : this.findTenant(segment);
    if (!meta && !tenant) {
      const f = new EntraFailure(
        90002,
        'invalid_tenant',
        `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
      );
      return this.sendError(res, f, origin, req);
    }
    const tid = tenant?.id ?? '{tenantid}';
    const base = `${origin}/${segment}`;
    this.sendJson(res, 200, {
      token_endpoint: `${base}/oauth2/${v2 ? 'v2.0/' : ''}token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${origin}/${tenant?.id ?? segment}/discovery/${v2 ? 'v2.0/' : ''}keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: v2 ? `https://login.microsoftonline.com/${tid}/v2.0` : `https://sts.windows.net/${tid}/`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
      authorization_endpoint: `${base}/oauth2/${v2 ? 'v2.0/' : ''}authorize`,
      end_session_endpoint: `${base}/oauth2/${v2 ? 'v2.0/' : ''}logout`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
    });
  }

  private async jwks(segment: string): Promise<Record<string, unknown>> {
    const tenant = this.findTenant(segment);
    const jwk = await exportJWK(createPublicKey(this.signingKey));
    return {
      keys: [
        {
          kty: 'RSA',
          use: 'sig',
          kid: this.kid,
          x5t: this.kid,
          n: jwk.n,
          e: jwk.e,
          x5c: [this.signingCert.der.toString('base64')],
          issuer: `https://login.microsoftonline.com/${tenant?.id ?? '{tenantid}'}/v2.0`,
        },
      ],
    };
  }

  /** The public key tokens are signed with (for tests that verify issued tokens). */
  get tokenSigningPublicKey(): KeyObject {
    return createPublicKey(this.signingKey);
  }
}
