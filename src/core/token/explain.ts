// Turns an Entra error or a network failure into text about THIS request: which secret
// source, which thumbprint, which resource, which tenant and cloud.
import { lookupAadsts } from '../knowledge/aadsts';
import { TokenError } from './errors';
import type { NetworkFailure } from './http';
import type { EntraErrorBody } from './parse-error';

export interface CredentialSummary {
  kind: 'secret' | 'certificate' | 'federated';
  /** "environment variable ENTRA_CLIENT_SECRET", "appsettings.json (AzureAd:ClientSecret)", … */
  source: string;
  /** Shape of the secret that was sent (never the secret): a GUID is what a secret *ID* looks like. */
  secretShape?: 'guid' | 'entra-value' | 'other';
  thumbprintSha1?: string;
  thumbprintSha256?: string;
  algorithm?: 'PS256' | 'RS256';
  sendX5C?: boolean;
  /** For a federated assertion: its exp, when readable. */
  assertionExpiresAt?: string;
  assertionIssuer?: string;
}

export interface RequestContext {
  clientId: string;
  tenant: string;
  tokenEndpoint: string;
  host: string;
  cloudName?: string;
  scope: string;
  credential: CredentialSummary;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Resource identifiers whose canonical form ends in '/', so the scope needs '//.default'. */
const TRAILING_SLASH_RESOURCES = [
  'https://database.windows.net/',
  'https://management.azure.com/',
  'https://management.core.windows.net/',
  'https://graph.windows.net/',
  'https://database.usgovcloudapi.net/',
  'https://database.chinacloudapi.cn/',
  'https://management.usgovcloudapi.net/',
  'https://management.chinacloudapi.cn/',
];

export function secretShape(secret: string): 'guid' | 'entra-value' | 'other' {
  if (GUID.test(secret.trim())) return 'guid';
  if (/^[A-Za-z0-9_.~-]{3}\dQ~[A-Za-z0-9_.~-]{30,40}$/.test(secret)) return 'entra-value';
  return 'other';
}

/** The resource part of a scope: everything before the last '/' (Entra's own rule). */
export function resourceOfScope(scope: string): string {
  const first = scope.trim().split(/\s+/)[0] ?? '';
  const i = first.lastIndexOf('/');
  return i > 0 ? first.slice(0, i) : first;
}

function cloudPart(ctx: RequestContext): string {
  return ctx.cloudName ? ` at ${ctx.host} (${ctx.cloudName})` : ` at ${ctx.host}`;
}

interface Text {
  explanation: string;
  fix?: string;
}

function specific(code: number, body: EntraErrorBody, ctx: RequestContext): Text | undefined {
  const c = ctx.credential;
  const resource = resourceOfScope(ctx.scope);
  switch (code) {
    case 7000215: {
      const from = `The client secret came from ${c.source}.`;
      if (c.secretShape === 'guid') {
        return {
          explanation: `Entra rejected the client secret for app ${ctx.clientId}. ${from} It is shaped like a GUID (36 characters) — that is what a *Secret ID* looks like; secret *values* are about 40 characters (e.g. "abc8Q~…"). The Secret ID was most likely copied instead of the Value.`,
          fix: 'In the app registration → Certificates & secrets, create a new client secret and copy the **Value** column right away (it is shown only once), not the Secret ID.',
        };
      }
      return {
        explanation: `Entra rejected the client secret for app ${ctx.clientId}. ${from} It is not a current secret of this app: it may belong to another app registration, be mistyped or truncated, or be an old secret that was deleted.${c.secretShape === 'entra-value' ? ' (It does look like a secret value, so check that it belongs to this app.)' : ''}`,
        fix: `Compare the secret's first characters with the "Value" hint under Certificates & secrets of app ${ctx.clientId}; if unsure, create a new secret and copy its Value.`,
      };
    }
    case 7000222:
      return {
        explanation: `The client secret from ${c.source} was a valid secret of app ${ctx.clientId}, but it has expired.`,
        fix: 'Create a new client secret (or switch to a certificate), update where the secret is stored, and delete the expired one.',
      };
    case 700027: {
      if (c.kind === 'federated') {
        return { explanation: `Entra could not verify the signature of the federated token from ${c.source}${c.assertionIssuer ? ` (issuer ${c.assertionIssuer})` : ''}.` };
      }
      const header = c.algorithm === 'RS256' ? `x5t (SHA-1), RS256` : `x5t#S256 (SHA-256), PS256`;
      const notFound = /key was not found|not registered/i.test(body.message);
      return {
        explanation:
          (notFound
            ? `The certificate that signed the client assertion is not registered on app ${ctx.clientId}. `
            : `Entra found the certificate on app ${ctx.clientId} but the signature did not verify (wrong private key for this certificate?). `) +
          `Sent: certificate from ${c.source}, SHA-1 thumbprint ${c.thumbprintSha1 ?? '?'}, SHA-256 ${c.thumbprintSha256 ?? '?'}, header ${header}${c.sendX5C ? ', x5c included' : ''}.`,
        fix: notFound
          ? `Upload this certificate's public part (.cer/.pem) to the app registration → Certificates & secrets → Certificates; the portal then lists thumbprint ${c.thumbprintSha1 ?? '(SHA-1)'}. If the app uses subject-name + issuer authentication instead, set SendX5C: true.`
          : 'Use the private key that belongs to the uploaded certificate (re-export key and certificate together, e.g. as one PFX).',
      };
    }
    case 700024: {
      const m = /Current time:\s*([0-9T:.-]+Z)/.exec(body.message);
      let skew = '';
      if (m) {
        const diff = Math.round((Date.now() - Date.parse(m[1]!)) / 1000);
        if (Math.abs(diff) > 120) skew = ` Your clock differs from Entra's by about ${Math.round(diff / 60)} minutes.`;
      }
      return {
        explanation:
          (c.kind === 'federated'
            ? `The federated token from ${c.source} is expired or not yet valid${c.assertionExpiresAt ? ` (its exp is ${c.assertionExpiresAt})` : ''}; these tokens live only minutes and must be re-read when the platform refreshes the file.`
            : 'The client assertion is outside its valid time window.') + skew,
        fix: c.kind === 'federated' ? 'Refresh the token file (it is rotated by the platform) and sync the clock.' : 'Sync the system clock (UTC) and retry.',
      };
    }
    case 500011: {
      const slash = TRAILING_SLASH_RESOURCES.find((r) => r.replace(/\/$/, '') === resource.replace(/\/+$/, '').toLowerCase());
      if (slash) {
        return {
          explanation: `The scope '${ctx.scope}' names resource '${resource}', but this service's identifier is '${slash}' — with a trailing slash. Entra takes everything before the last '/' as the resource, so the scope needs a double slash.`,
          fix: `Use '${slash}/.default' (i.e. '${slash}' + '/.default').`,
        };
      }
      if (/^api:\/\//i.test(resource)) {
        const guid = resource.slice(6).split('/')[0] ?? '';
        return {
          explanation: `No application in tenant ${ctx.tenant} has the Application ID URI '${resource}'. The 'api://…' form only works when it is exactly the API's Application ID URI ("Expose an API"); it is not set by default.`,
          fix: GUID.test(guid)
            ? `Either set the API registration's Application ID URI to '${resource}' (Expose an API → Add), or use the GUID form '${guid}/.default', which needs no App ID URI.`
            : `Copy the Application ID URI from the API registration's "Expose an API" page, or use '{apiClientId}/.default'.`,
        };
      }
      if (GUID.test(resource)) {
        return {
          explanation: `No service principal with client ID ${resource} exists in tenant ${ctx.tenant}: the GUID is not the API's Application (client) ID, or the API (multi-tenant) is not provisioned in this tenant.`,
          fix: "Use the API registration's Application (client) ID; for an API from another tenant, have an admin of this tenant consent to it first.",
        };
      }
      return {
        explanation: `Nothing in tenant ${ctx.tenant} has the identifier '${resource}' (from scope '${ctx.scope}'). Check for typos, the wrong tenant, or a trailing-slash difference.`,
      };
    }
    case 700016:
      return {
        explanation: `No application with client ID '${ctx.clientId}' exists in tenant '${ctx.tenant}'${cloudPart(ctx)}.${GUID.test(ctx.clientId) ? '' : ' The client ID is not even a GUID — probably a placeholder.'} Common causes: the Object ID or a Secret ID was copied instead of the Application (client) ID, the tenant is another one, or the app lives in another cloud.`,
      };
    case 90002:
      return {
        explanation: `Entra${cloudPart(ctx)} knows no tenant '${ctx.tenant}'. It may be mistyped or a placeholder, or it lives in another cloud (US Gov: login.microsoftonline.us, China: login.partner.microsoftonline.cn).`,
      };
    case 900023:
      return { explanation: `'${ctx.tenant}' is in the tenant position of ${ctx.tokenEndpoint} but is not a tenant ID or domain — the Instance or Authority probably contains extra path segments.` };
    case 9001023:
    case 90010:
      return {
        explanation: `The tenant is '${ctx.tenant}'. App-only tokens always belong to one specific tenant, so /common and /consumers cannot issue them.`,
        fix: 'Set TenantId to the Directory (tenant) ID (GUID) or primary domain of the tenant whose data the daemon accesses.',
      };
    case 1002012:
      return {
        explanation: `The scope '${ctx.scope}' is a named permission. Client credentials only accept '{resource}/.default', which gives every application permission (app role) already granted to the app.`,
        fix: `Use '${resource.includes('://') || GUID.test(resource) ? resource : 'https://graph.microsoft.com'}/.default' and make sure the needed Application permissions are granted with admin consent.`,
      };
    case 70011:
    case 700022: {
      const n = ctx.scope.trim().split(/\s+/).length;
      return {
        explanation:
          n > 1
            ? `The request had ${n} scopes ('${ctx.scope}'). A client-credentials request takes exactly one '{resource}/.default' scope — one resource per token.`
            : `The scope '${ctx.scope}' is not a valid '{resource}/.default' value.`,
      };
    }
    case 90009:
      return {
        explanation: `App ${ctx.clientId} asked for a token for itself using the URI '${resource}'. Entra only allows that with the GUID form.`,
        fix: `Use '${ctx.clientId}/.default'.`,
      };
    case 7000112:
      return { explanation: `The enterprise application (service principal) of ${ctx.clientId} is disabled in tenant ${ctx.tenant}.` };
    case 700025:
      return { explanation: `App ${ctx.clientId} is registered as a public client, so Entra refuses the ${c.kind === 'secret' ? 'client secret' : 'client assertion'} that was sent.` };
    case 7000216:
    case 7000218:
      return { explanation: 'The request carried no client secret and no client assertion.' };
    case 501051:
      return { explanation: `The API for scope '${ctx.scope}' requires an app-role assignment, and app ${ctx.clientId} has none.` };
    case 70021:
    case 700211:
      return {
        explanation: `The federated token from ${c.source}${c.assertionIssuer ? ` (issuer ${c.assertionIssuer})` : ''} matches no federated credential of app ${ctx.clientId}.`,
        fix: "Compare the token's iss, sub and aud with the app's Certificates & secrets → Federated credentials (audience is usually api://AzureADTokenExchange).",
      };
    default:
      return undefined;
  }
}

/** Builds the TokenError for an Entra error response. */
export function explainEntraError(body: EntraErrorBody, status: number, ctx: RequestContext): TokenError {
  const code = body.codes[0];
  const entry = code !== undefined ? lookupAadsts(code) : undefined;
  const s = code !== undefined ? specific(code, body, ctx) : undefined;
  const firstSentence = body.message.split(/(?<=\.)\s/)[0] ?? body.message;
  const title = entry?.title ?? (firstSentence.length > 100 ? firstSentence.slice(0, 97) + '…' : firstSentence || body.error);
  const explanation = s?.explanation ?? (entry ? `${entry.cause} Entra said: ${body.message}` : `Entra said: ${body.message || body.error}`);
  const fix =
    s?.fix ??
    entry?.fix ??
    (body.errorUri ? `See ${body.errorUri} for Entra's notes on this error.` : 'Look the code up in the Entra error-code reference (https://learn.microsoft.com/entra/identity-platform/reference-error-codes).');
  return new TokenError({
    kind: 'entra',
    code: code !== undefined ? `AADSTS${code}` : `entra/${body.error}`,
    aadsts: code,
    title,
    explanation,
    fix,
    oauthError: body.error,
    entraMessage: body.message,
    correlationId: body.correlationId,
    traceId: body.traceId,
    errorUri: body.errorUri,
    httpStatus: status,
    timestamp: body.timestamp,
    otherCodes: body.codes.slice(1),
  });
}

/** Builds the TokenError for a failure below HTTP (or a response that is not Entra's). */
export function explainNetworkFailure(f: NetworkFailure, ctx: Pick<RequestContext, 'host' | 'tokenEndpoint'>, proxy?: string): TokenError {
  const base = { kind: 'network' as const, code: `network/${f.kind}` };
  const host = ctx.host;
  switch (f.kind) {
    case 'dns':
      return new TokenError({
        ...base,
        title: 'Host name not found',
        explanation: `The name '${host}' could not be resolved (${f.sysCode ?? f.message}). Either it is mistyped in the Instance/Authority, or this machine has no DNS / network access.`,
        fix: `Check the Instance (e.g. https://login.microsoftonline.com/) and your network connection.`,
      });
    case 'refused':
      return new TokenError({
        ...base,
        title: 'Connection refused',
        explanation: `Nothing accepted a connection at ${new URL(ctx.tokenEndpoint).host}. A firewall, a wrong port in the Instance, or a local server that is not running.`,
        fix: 'Check the Instance URL and port; if you use a proxy, set HTTPS_PROXY.',
      });
    case 'tls':
      return new TokenError({
        ...base,
        title: 'TLS / certificate problem',
        explanation: `The secure connection to ${host} failed: ${f.message}. This usually means a corporate proxy or antivirus intercepts TLS with its own root certificate, or the host is not the one you meant.`,
        fix: 'If your organisation inspects TLS, make its root certificate trusted (NODE_EXTRA_CA_CERTS for the CLI; VS Code uses the OS store). Never disable certificate checks to send a secret.',
      });
    case 'proxy':
      return new TokenError({
        ...base,
        title: f.proxyStatus === 407 ? 'Proxy requires authentication' : 'Proxy problem',
        explanation: `The request went through the proxy ${proxy ?? ''} which failed: ${f.message}.`,
        fix: f.proxyStatus === 407 ? 'Put proxy credentials in HTTPS_PROXY (http://user:pass@proxy:port) or use VS Code’s proxy settings.' : 'Check HTTPS_PROXY / NO_PROXY (CLI) or http.proxy (VS Code).',
      });
    case 'timeout':
      return new TokenError({
        ...base,
        title: 'Timed out',
        explanation: `${host} did not answer in time (${f.message}). The network may block it, or a proxy is required.`,
        fix: 'Check connectivity to the authority host (and HTTPS_PROXY if you need a proxy), then retry.',
      });
    case 'reset':
      return new TokenError({
        ...base,
        title: 'Connection reset',
        explanation: `The connection to ${host} was closed before an answer arrived (${f.sysCode ?? f.message}), even after retrying. Often a proxy, VPN or firewall dropping the connection.`,
        fix: 'Retry; if it persists, check proxy/VPN settings.',
      });
    case 'truncated':
      return new TokenError({
        ...base,
        title: 'Incomplete response',
        explanation: `The answer from ${host} was cut off before it was complete, so no token could be read.`,
        fix: 'Retry; if it persists, a proxy or network device is interfering.',
      });
    case 'too-large':
      return new TokenError({
        ...base,
        title: 'Response too large',
        explanation: `${host} sent a far larger answer than a token response (${f.message}); it is not the Entra token endpoint or something in between replaced the answer.`,
        fix: 'Check the Instance/Authority URL.',
      });
    case 'cancelled':
      return new TokenError({
        kind: 'cancelled',
        code: 'cancelled',
        title: 'Cancelled',
        explanation: 'The token request was cancelled before Entra answered.',
        fix: 'Run it again when ready.',
      });
    default:
      return new TokenError({
        ...base,
        title: 'Network error',
        explanation: `The request to ${host} failed: ${f.message}.`,
        fix: 'Check the network connection and the Instance URL.',
      });
  }
}
