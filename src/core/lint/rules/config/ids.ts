// config/invalid-guid: ClientId / TenantId (and managed-identity client IDs) that are not what
// Entra accepts. A client ID is always a GUID; a tenant is a GUID, a domain or a meta tenant.
import type { Node } from 'jsonc-parser';
import type { ConfigModel, PropertyRef } from '../../../config/model';
import { stringValue } from '../../../config/json';
import { findPlaceholders, isTemplateGuid } from '../../../knowledge/placeholders';
import type { Rule, RuleFinding } from '../../rule';
import { GUID, META_TENANTS, isHeuristicIdentity, label, ownedSections, replaceNode, walkProperties } from './util';

const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** Looks like someone meant to write a GUID: 4–6 dash-separated groups, mostly hex digits. */
function isGuidAttempt(v: string): boolean {
  const s = v.replace(/^[{(]|[})]$/g, '');
  const groups = s.split('-');
  if (groups.length < 4 || groups.length > 6) return false;
  if (!groups.every((g) => /^[0-9a-z]+$/i.test(g))) return false;
  const chars = s.replace(/-/g, '');
  const hex = chars.replace(/[^0-9a-f]/gi, '').length;
  return chars.length >= 24 && chars.length <= 40 && hex / chars.length >= 0.85;
}

/** Explains what is wrong with a GUID attempt: group lengths, non-hex characters, braces. */
function guidProblem(v: string): string {
  if (/^[{(].*[})]$/.test(v) && GUID.test(v.slice(1, -1))) return 'it is wrapped in braces; Entra expects the bare GUID';
  const groups = v.split('-');
  const lengths = groups.map((g) => g.length);
  const expected = [8, 4, 4, 4, 12];
  const problems: string[] = [];
  if (groups.length !== 5) problems.push(`it has ${groups.length} groups instead of 5`);
  else {
    groups.forEach((g, i) => {
      if (g.length !== expected[i]) problems.push(`group ${i + 1} has ${g.length} characters instead of ${expected[i]}`);
    });
  }
  const bad = [...new Set(v.replace(/[0-9a-f-]/gi, ''))];
  if (bad.length) problems.push(`it contains non-hex characters (${bad.map((c) => `'${c}'`).join(', ')})`);
  return `${problems.join(', ') || 'it is not 8-4-4-4-12 hex digits'} (${lengths.join('-')})`;
}

function check(model: ConfigModel, prop: PropertyRef, what: 'client' | 'tenant' | 'managed-identity', out: RuleFinding[], custom = false): void {
  const node: Node = prop.valueNode;
  const raw = stringValue(node);
  if (raw === undefined || raw.trim() === '') return;
  const v = raw.trim();
  const where = label(prop.path);
  const placeholder = findPlaceholders(raw);
  // Placeholders are config/placeholder's business, except malformed template GUIDs (`11111111-1111-1111-11111111111111111`).
  if (placeholder.length && !(isTemplateGuid(v) && !GUID.test(v))) return;

  if (GUID.test(v)) {
    if (v !== raw) {
      out.push({
        ruleId: 'config/invalid-guid',
        severity: 'warning',
        message: `'${where}' has whitespace around the GUID; it is sent as written and does not match (AADSTS${what === 'tenant' ? '90002' : '700016'}).`,
        offset: node.offset,
        length: node.length,
        fixes: [replaceNode('Remove the surrounding whitespace', node, JSON.stringify(v))],
      });
    }
    return;
  }
  if (what === 'tenant' && (META_TENANTS as readonly string[]).includes(v.toLowerCase())) return;
  if (what === 'tenant' && DOMAIN.test(v)) return;

  const attempt = isGuidAttempt(v);
  if (what === 'managed-identity' && !attempt) return; // may be a resource ID; not ours to judge
  const error = what === 'client' ? 'AADSTS700016 (application not found)' : what === 'tenant' ? 'AADSTS90002 (tenant not found) or AADSTS900023 (not a valid tenant identifier)' : 'a managed identity that cannot be found';
  let message: string;
  if (attempt) {
    message = `'${where}' is not a valid GUID: ${guidProblem(v)}. Copy it again from the app registration's Overview page; as written it leads to ${error}.`;
  } else if (what === 'client') {
    const uri = /^(api|https?):\/\//i.test(v) ? ' It looks like an Application ID URI; ClientId takes the Application (client) ID GUID.' : '';
    message = `'${where}' must be the Application (client) ID, a GUID such as 00001111-aaaa-2222-bbbb-3333cccc4444.${uri} As written Entra answers ${error}.`;
  } else {
    message = `'${where}' is neither a tenant GUID nor a domain name (such as contoso.onmicrosoft.com): Entra answers ${error}.`;
  }
  const fixes =
    attempt && /^[{(].*[})]$/.test(v) && GUID.test(v.slice(1, -1)) ? [replaceNode('Remove the braces', node, JSON.stringify(v.slice(1, -1)))] : undefined;
  // In a custom section found only by its shape, a value that is no GUID attempt may mean something else to the app's code.
  const severity = custom && !attempt ? 'warning' : 'error';
  out.push({ ruleId: 'config/invalid-guid', severity, message, offset: node.offset, length: node.length, fixes });
}

export const invalidGuidRule: Rule = {
  ids: ['config/invalid-guid'],
  check(model) {
    const out: RuleFinding[] = [];
    for (const identity of model.identities) {
      const client = identity.props.get('clientid');
      const custom = isHeuristicIdentity(identity);
      if (client) check(model, client, 'client', out, custom);
      const tenant = identity.props.get('tenantid') ?? (identity.kind === 'legacy-flat' ? identity.props.get('tenant') : undefined);
      if (tenant) check(model, tenant, 'tenant', out, custom);
      const home = identity.props.get('apphometenantid');
      if (home) check(model, home, 'tenant', out);
    }
    for (const cred of model.credentials) {
      const mi = cred.props.get('managedidentityclientid');
      if (mi) check(model, mi, 'managed-identity', out);
    }
    for (const section of ownedSections(model)) {
      if (section.kind === 'managed-identity') {
        walkProperties(model.doc, section.node, (p) => {
          if (p.key.toLowerCase() === 'userassignedclientid') check(model, p, 'managed-identity', out);
        }, 0);
      }
      if (section.kind === 'acquire-token-options') {
        walkProperties(model.doc, section.node, (p) => {
          if (p.key.toLowerCase() === 'tenant') check(model, p, 'tenant', out);
        }, 0);
      }
    }
    return out;
  },
};
