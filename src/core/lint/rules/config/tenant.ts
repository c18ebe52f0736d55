// config/tenant-not-specific: common / organizations / consumers where an app token is requested.
// Multi-tenant sign-in web apps legitimately use them, so this fires only with app-only evidence.
import type { Node } from 'jsonc-parser';
import type { ConfigModel, FlowJudgement, IdentitySection, ScopeList } from '../../../config/model';
import { getProp, offsetInString, stringValue } from '../../../config/json';
import type { Severity } from '../../../findings';
import type { Rule, RuleFinding } from '../../rule';
import { META_TENANTS, label } from './util';

interface TenantRef {
  value: string;
  node: Node;
  /** Offset/length of the tenant inside the document text. */
  offset: number;
  length: number;
  key: string;
}

/** The tenant an identity uses: TenantId, legacy Tenant, or the first path segment of Authority / Instance. */
export function tenantOf(model: ConfigModel, identity: IdentitySection): TenantRef | undefined {
  for (const key of ['tenantid', 'tenant']) {
    const p = identity.props.get(key);
    const v = stringValue(p?.valueNode);
    if (p && v !== undefined && v.trim()) {
      const start = v.indexOf(v.trim());
      return { value: v.trim(), node: p.valueNode, offset: offsetInString(model.doc, p.valueNode, start), length: v.trim().length, key: label(p.path) };
    }
  }
  for (const key of ['authority', 'instance']) {
    const p = identity.props.get(key);
    const v = stringValue(p?.valueNode);
    const m = v ? /^\s*https?:\/\/[^/]+\/([^/?#]+)/i.exec(v) : null;
    if (p && v && m) {
      const idx = m[0].length - m[1]!.length;
      return { value: m[1]!, node: p.valueNode, offset: offsetInString(model.doc, p.valueNode, idx), length: m[1]!.length, key: label(p.path) };
    }
  }
  return undefined;
}

/** Which identity a scope list's token is requested with: AcquireTokenOptions:AuthenticationOptionsName, else AzureAd, else the only one. */
function identityFor(model: ConfigModel, list: ScopeList): IdentitySection | undefined {
  const section = list.prop.keyNode.parent?.parent;
  const ato = section ? getProp(model.doc, section, 'AcquireTokenOptions')?.valueNode : undefined;
  const name = stringValue(ato ? getProp(model.doc, ato, 'AuthenticationOptionsName')?.valueNode : undefined);
  const ids = model.identities;
  if (name) return ids.find((i) => i.name.toLowerCase() === name.toLowerCase());
  return ids.find((i) => i.name.toLowerCase() === 'azuread') ?? (ids.length === 1 ? ids[0] : undefined);
}

/** The list's own AcquireTokenOptions:Tenant overrides the identity's tenant. */
function hasTenantOverride(model: ConfigModel, list: ScopeList): boolean {
  const section = list.prop.keyNode.parent?.parent;
  const ato = section ? getProp(model.doc, section, 'AcquireTokenOptions')?.valueNode : undefined;
  const t = stringValue(ato ? getProp(model.doc, ato, 'Tenant')?.valueNode : undefined);
  return !!t && !(META_TENANTS as readonly string[]).includes(t.trim().toLowerCase());
}

export const tenantNotSpecificRule: Rule = {
  ids: ['config/tenant-not-specific'],
  check(model) {
    const out: RuleFinding[] = [];
    for (const identity of model.identities) {
      const tenant = tenantOf(model, identity);
      if (!tenant || !(META_TENANTS as readonly string[]).includes(tenant.value.toLowerCase())) continue;
      // IDW uses AppHomeTenantId for app tokens when TenantId is a meta tenant (entra-facts §6.6).
      const home = stringValue(identity.props.get('apphometenantid')?.valueNode);
      if (home && home.trim()) continue;

      const interactive = identity.signsInUsers || identity.isWebApi;
      let flow: FlowJudgement | undefined;
      let evidence: ScopeList | undefined;
      for (const list of model.scopeLists) {
        if (!list.isRequest || identityFor(model, list) !== identity || hasTenantOverride(model, list)) continue;
        const a = list.flow.appOnly;
        if (a === 'certain' || (a === 'inferred' && !interactive)) {
          if (!flow || (flow.appOnly !== 'certain' && a === 'certain')) {
            flow = list.flow;
            evidence = list;
          }
        }
      }
      // A bare daemon shape (credentials, no sign-in, no web API, no scope list at all: scopes are in code) counts as inferred.
      const anyRequest = model.scopeLists.some((l) => l.isRequest);
      if (!flow && !interactive && !anyRequest && model.credentials.some((c) => c.identity === identity && c.container !== 'TokenDecryptionCredentials')) {
        flow = { appOnly: 'inferred', reason: `'${identity.name || 'the configuration'}' has client credentials and signs no user in (a daemon)` };
      }
      if (!flow) continue;
      const severity: Severity = flow.appOnly === 'certain' ? 'error' : 'warning';
      const certainty = flow.appOnly === 'certain' ? 'This configuration requests app-only tokens' : 'This configuration looks like it requests app-only tokens';
      const entra =
        tenant.value.toLowerCase() === 'organizations'
          ? 'Microsoft.Identity.Web refuses it with IDW10405, and the app would not know which tenant the token is for'
          : `Entra rejects the request with AADSTS9001023 (the grant type is not supported over the /common or /consumers endpoints) and Microsoft.Identity.Web with IDW10405`;
      const related = evidence
        ? [{ file: model.doc.path, range: model.doc.lines.range(evidence.prop.keyNode.offset, evidence.prop.keyNode.length), message: 'scopes requested as an app-only token' }]
        : flow.evidence
          ? [flow.evidence]
          : undefined;
      out.push({
        ruleId: 'config/tenant-not-specific',
        severity,
        message:
          `'${tenant.key}' uses the '${tenant.value}' tenant, but client credentials need your tenant's ID or domain. ` +
          `${certainty} (${flow.reason}): ${entra}. Put your Directory (tenant) ID here` +
          (interactive ? ", or keep it multi-tenant for sign-in and set 'AppHomeTenantId' for app tokens." : '.'),
        offset: tenant.offset,
        length: tenant.length,
        related,
      });
    }
    return out;
  },
};
