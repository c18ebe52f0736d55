// config/instance: Instance / Authority values Microsoft.Identity.Web cannot turn into a working
// authority. Prose placeholders are config/placeholder's, not reported here.
import type { ConfigModel, IdentitySection, PropertyRef } from '../../../config/model';
import { stringValue } from '../../../config/json';
import { classifyAuthorityHost, normalizeHost } from '../../../knowledge/clouds';
import { hasPlaceholder } from '../../../knowledge/placeholders';
import type { Rule, RuleFinding } from '../../rule';
import { label, replaceNode } from './util';

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1)$/i;
/** Path tails that belong to endpoints, not to an instance or authority. */
const ENDPOINT_TAIL = /\/(oauth2(\/v2\.0)?\/(token|authorize|devicecode)|\.well-known\/openid-configuration|v2\.0\/?$|adminconsent)/i;

interface Parsed {
  url: URL;
  /** Path segments (the legacy `{0}` slot kept as is). */
  segments: string[];
}

function parse(value: string): Parsed | undefined {
  try {
    const url = new URL(value.replace('{0}', '__slot0__'));
    const segments = url.pathname.split('/').filter(Boolean).map((s) => (s === '__slot0__' ? '{0}' : decodeURIComponent(s)));
    return { url, segments };
  } catch {
    return undefined;
  }
}

function emit(out: RuleFinding[], prop: PropertyRef, severity: RuleFinding['severity'], message: string, fixValue?: string, fixTitle?: string): void {
  out.push({
    ruleId: 'config/instance',
    severity,
    message,
    offset: prop.valueNode.offset,
    length: prop.valueNode.length,
    fixes: fixValue !== undefined ? [replaceNode(fixTitle ?? `Use "${fixValue}"`, prop.valueNode, JSON.stringify(fixValue))] : undefined,
  });
}

/** Checks scheme, host and form common to Instance and Authority; returns the parsed URL when it is usable. */
function checkUrl(prop: PropertyRef, value: string, out: RuleFinding[]): Parsed | undefined {
  const where = label(prop.path);
  const v = value.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\/\/+/i.test(v)) {
    const fixed = v.replace(/^([a-z][a-z0-9+.-]*:\/\/)\/+/i, '$1');
    emit(out, prop, 'error', `'${where}' has extra slashes after the scheme (a template escape left over): .NET cannot parse the authority (IDW10503).`, fixed, 'Remove the extra slashes');
    return undefined;
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) {
    const host = normalizeHost(v);
    if (classifyAuthorityHost(host)) {
      emit(out, prop, 'error', `'${where}' has no scheme: it must be an https URL such as https://${v.replace(/^\/+/, '')}.`, `https://${v.replace(/^\/+/, '')}`, 'Add https://');
    } else {
      emit(out, prop, 'error', `'${where}' is not a URL: Microsoft.Identity.Web cannot build the authority (IDW10503). Use e.g. https://login.microsoftonline.com/.`);
    }
    return undefined;
  }
  const parsed = parse(v);
  if (!parsed || !parsed.url.hostname) {
    emit(out, prop, 'error', `'${where}' is not a valid URL: Microsoft.Identity.Web cannot build the authority (IDW10503).`);
    return undefined;
  }
  const host = parsed.url.hostname.replace(/^\[|\]$/g, '');
  if (parsed.url.protocol !== 'https:') {
    if (!LOOPBACK.test(host)) {
      emit(out, prop, 'error', `'${where}' uses ${parsed.url.protocol.replace(':', '')}: Entra authorities are https only, and MSAL refuses a non-https authority.`, v.replace(/^[a-z]+:/i, 'https:'), 'Use https');
    }
    return undefined;
  }
  if (LOOPBACK.test(host)) return undefined; // a local emulator or test server
  const info = classifyAuthorityHost(host);
  if (!info) {
    emit(
      out,
      prop,
      'warning',
      `'${where}' points to '${host}', which is not a Microsoft Entra authority host (login.microsoftonline.com, login.microsoftonline.us, login.partner.microsoftonline.cn, *.b2clogin.com, *.ciamlogin.com …). ` +
        `Token requests sent there fail or reach a server that is not Entra; if it is a B2C / External ID custom domain, this is expected.`,
    );
  } else if (info.cloud.retired) {
    emit(out, prop, 'warning', `'${where}' uses ${info.cloud.displayName}; sign-ins there no longer work. Use the authority of the cloud your tenant lives in.`);
  }
  return parsed;
}

function checkIdentity(model: ConfigModel, identity: IdentitySection, out: RuleFinding[]): void {
  const instance = identity.props.get('instance');
  const authority = identity.props.get('authority');
  const tenant = identity.props.get('tenantid') ?? (identity.kind === 'legacy-flat' ? identity.props.get('tenant') : undefined);
  const b2c = identity.isB2C;

  const iv = stringValue(instance?.valueNode);
  if (instance && iv !== undefined && iv.trim() && !hasPlaceholder(iv)) {
    const parsed = checkUrl(instance, iv, out);
    if (parsed) {
      const where = label(instance.path);
      const segs = parsed.segments;
      const origin = `${parsed.url.protocol}//${parsed.url.host}/`;
      const kind = classifyAuthorityHost(parsed.url.hostname)?.kind;
      const tfp = b2c && segs.length === 1 && segs[0]!.toLowerCase() === 'tfp';
      const slot = segs.length === 1 && segs[0] === '{0}';
      if (slot && identity.kind !== 'legacy-flat') {
        // `{0}` is filled by string.Format in pre-Id.Web code; Microsoft.Identity.Web appends the tenant itself.
        emit(
          out,
          instance,
          'warning',
          `'${where}' ends with the '{0}' format slot of older MSAL samples. Microsoft.Identity.Web does not fill it: it appends the tenant, so the authority becomes ${origin}{0}/<TenantId>/v2.0 and Entra rejects it (AADSTS900023). Unless your own code formats this value, keep only the host.`,
          origin,
          `Use "${origin}"`,
        );
      } else if (segs.length > 0 && !tfp && !slot) {
        const tail = ENDPOINT_TAIL.test(parsed.url.pathname);
        if (tail) {
          emit(
            out,
            instance,
            'error',
            `'${where}' contains an endpoint path (${parsed.url.pathname}): Instance is only the cloud host; Microsoft.Identity.Web appends the tenant and /v2.0, so the tenant segment becomes wrong (AADSTS900023 / AADSTS90002).`,
            origin,
            `Use "${origin}"`,
          );
        } else if (kind !== 'b2c' && kind !== 'ciam') {
          const dup = !!tenant;
          emit(
            out,
            instance,
            dup ? 'error' : 'warning',
            dup
              ? `'${where}' already contains a tenant ('${segs.join('/')}') and TenantId is set too: the authority becomes ${origin}${segs.join('/')}/<TenantId>/v2.0, which Entra rejects (AADSTS90002 / AADSTS900023). Keep only the host in Instance.`
              : `'${where}' contains a path ('${segs.join('/')}'): Instance should be only the host, with the tenant in TenantId (IDW10708 otherwise).`,
            dup ? origin : undefined,
            `Use "${origin}"`,
          );
        }
      }
    }
  }

  const av = stringValue(authority?.valueNode);
  if (authority && av !== undefined && av.trim() && !hasPlaceholder(av)) {
    const parsed = checkUrl(authority, av, out);
    if (parsed) {
      const where = label(authority.path);
      const kind = classifyAuthorityHost(parsed.url.hostname)?.kind;
      const pathname = parsed.url.pathname;
      if (/\/oauth2\//i.test(pathname) || /\.well-known/i.test(pathname)) {
        const fixed = av.trim().replace(/\/(oauth2\/.*|\.well-known\/.*)$/i, '/');
        emit(out, authority, 'error', `'${where}' contains an endpoint path (${pathname}): Authority is {instance}/{tenant}/v2.0; with the endpoint appended the tenant segment is wrong (AADSTS900023).`, fixed, `Use "${fixed}"`);
      } else if ((kind === 'entra' || kind === 'regional') && parsed.segments.length === 0) {
        emit(out, authority, 'warning', `'${where}' has no tenant: use {instance}/{tenant-id}/v2.0, or Instance + TenantId (IDW10708 / AADSTS900023 otherwise).`);
      }
    }
    if (instance || tenant) {
      const other = [instance, tenant].filter(Boolean).map((p) => `'${p!.key}'`).join(' and ');
      out.push({
        ruleId: 'config/instance',
        severity: 'warning',
        message:
          `Both '${authority.key}' and ${other} are set in ${identity.name || 'the configuration'}: recent Microsoft.Identity.Web versions refuse this with an InvalidOperationException ("These settings conflict"), older ones silently ignore Authority. Keep one of the two.`,
        offset: authority.keyNode.offset,
        length: authority.keyNode.length,
        related: [instance, tenant]
          .filter((p): p is PropertyRef => !!p)
          .map((p) => ({ file: model.doc.path, range: model.doc.lines.range(p.keyNode.offset, p.keyNode.length), message: `'${p.key}' is also set` })),
      });
    }
  }
}

export const instanceRule: Rule = {
  ids: ['config/instance'],
  check(model) {
    const out: RuleFinding[] = [];
    for (const identity of model.identities) checkIdentity(model, identity, out);
    return out;
  },
};
