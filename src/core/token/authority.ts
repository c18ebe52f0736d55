// Where the token request goes: the v2 token endpoint built from Instance + TenantId,
// from Authority, or from a legacy "https://login.microsoftonline.com/{0}" Instance; and
// whether we may send a credential there at all (known Entra host, or explicitly allowed;
// plain http only for loopback).
import { AuthorityHostKind, classifyAuthorityHost, Cloud, normalizeHost } from '../knowledge/clouds';
import { configError } from './errors';

export interface AuthorityInput {
  /** e.g. "https://login.microsoftonline.com/" or legacy "https://login.microsoftonline.com/{0}". */
  instance?: string;
  tenantId?: string;
  /** e.g. "https://login.microsoftonline.com/{tenant}/v2.0"; exclusive of Instance + TenantId. */
  authority?: string;
}

export interface AuthorityPolicy {
  /** Hosts (or host:port) the user allowed in user settings, or that the CLI got with --instance. */
  allowedHosts?: readonly string[];
}

export interface ResolvedAuthority {
  /** https://host[:port]/{tenant}[/{policy}]/oauth2/v2.0/token */
  tokenEndpoint: string;
  /** https://host[:port] */
  origin: string;
  host: string;
  tenant: string;
  /** How the host was trusted. */
  trust: AuthorityHostKind | 'allowed';
  cloud?: Cloud;
  /** Where the value came from, for messages: "Instance + TenantId", "Authority", "Instance ({0} form)". */
  from: string;
}

const LOOPBACK_V4 = /^127(?:\.\d{1,3}){3}$/;

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function isLoopbackHost(host: string): boolean {
  const h = normalizeHost(host);
  return h === 'localhost' || h === '::1' || LOOPBACK_V4.test(h) || h.endsWith('.localhost');
}

function parseUrl(text: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw configError(
      'config/invalid-authority',
      `${what} is not a URL`,
      `'${text}' is not an absolute URL.`,
      `Use e.g. https://login.microsoftonline.com/ (public cloud) or https://login.microsoftonline.us/ (US Gov).`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw configError('config/invalid-authority', `${what} must be https`, `'${text}' uses ${url.protocol}.`, 'Use an https:// URL.');
  }
  return url;
}

/** Resolves the token endpoint and checks the host against the policy. Throws TokenError (config/...) on bad input. */
export function resolveAuthority(input: AuthorityInput, policy: AuthorityPolicy = {}): ResolvedAuthority {
  let url: URL;
  let segments: string[];
  let from: string;
  const tenantId = input.tenantId?.trim();
  if (input.authority && input.authority.trim()) {
    from = 'Authority';
    url = parseUrl(input.authority, 'Authority');
    segments = url.pathname.split('/').filter(Boolean);
  } else {
    if (!input.instance || !input.instance.trim()) {
      throw configError(
        'config/missing-instance',
        'No Instance or Authority',
        'The configuration names neither an Instance (with TenantId) nor an Authority, so there is nowhere to send the request.',
        'Set Instance to https://login.microsoftonline.com/ (or your cloud’s host) and TenantId to your tenant ID.',
      );
    }
    const legacy = input.instance.includes('{0}');
    if (!tenantId) {
      throw configError(
        'config/missing-tenant',
        'No TenantId',
        'An Instance is set but no TenantId, so the tenant part of the token endpoint is unknown.',
        'Set TenantId to the Directory (tenant) ID from the app registration’s Overview page.',
      );
    }
    from = legacy ? 'Instance ({0} form) + Tenant' : 'Instance + TenantId';
    url = parseUrl(legacy ? input.instance.replace('{0}', encodeURIComponent(tenantId)) : input.instance, 'Instance');
    segments = url.pathname.split('/').filter(Boolean);
    if (!legacy) segments.push(tenantId);
  }
  // "…/{tenant}/v2.0", "…/tfp/{tenant}/{policy}" and a pasted "…/oauth2/v2.0/token" all reduce to the tenant path.
  if (segments[0]?.toLowerCase() === 'tfp') segments.shift();
  const oauth = segments.findIndex((s) => s.toLowerCase() === 'oauth2');
  if (oauth >= 0) segments = segments.slice(0, oauth);
  if (segments.length && segments[segments.length - 1]!.toLowerCase() === 'v2.0') segments.pop();
  const tenant = segments[0];
  if (!tenant) {
    throw configError(
      'config/missing-tenant',
      'No tenant in the authority',
      `The ${from} '${input.authority ?? input.instance}' has no tenant segment.`,
      'Use https://login.microsoftonline.com/{tenantId} (or set TenantId next to Instance).',
    );
  }

  const host = normalizeHost(url.host);
  const hostPort = url.host.toLowerCase();
  const allowed = (policy.allowedHosts ?? []).some((h) => {
    const n = h.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '');
    return n === hostPort || n === host;
  });
  const known = classifyAuthorityHost(host);
  if (!known && !allowed) {
    throw configError(
      'config/authority-host-not-allowed',
      'Not a Microsoft Entra host',
      `The authority host '${host}' is not a known Entra host of any cloud (public, US Gov, China, B2C, CIAM). ` +
        'A client secret or certificate assertion is only sent to hosts known to be Entra, so a mistyped or hostile configuration cannot collect it.',
      `Fix the Instance/Authority, or — if '${host}' really is your identity provider (e.g. a B2C custom domain) — add it to the allowed authority hosts in your user settings (CLI: pass --instance explicitly).`,
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHost(host)) {
    throw configError(
      'config/insecure-http',
      'Plain http authority',
      `'${url.origin}' uses plain http; the secret would travel unencrypted.`,
      'Use https:// (plain http is accepted only for loopback test servers).',
    );
  }
  const path = segments.map((s) => encodeURIComponent(safeDecode(s))).join('/');
  return {
    tokenEndpoint: `${url.origin}/${path}/oauth2/v2.0/token`,
    origin: url.origin,
    host,
    tenant: safeDecode(tenant),
    trust: known ? known.kind : 'allowed',
    cloud: known?.cloud,
    from,
  };
}
