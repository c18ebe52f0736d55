// config/secret-in-source and config/secret-looks-like-id. Messages never contain the value.
import type { ConfigModel, CredentialEntry, PropertyRef } from '../../../config/model';
import { stringValue } from '../../../config/json';
import { findPlaceholders } from '../../../knowledge/placeholders';
import type { Rule, RuleFinding } from '../../rule';
import { GUID, label } from './util';

/** Values that point at a secret instead of holding it: pipeline tokens, env expansions, App Service Key Vault references. */
const REFERENCE = /^(?:\$\{[^}]+\}|\$\([^)]+\)|#\{[^}]+\}#?|%[A-Za-z_][A-Za-z0-9_]*%|\{\{[^}]+\}\}|__[A-Za-z0-9_]+__|@Microsoft\.KeyVault\(.*\))$/;

const SECRET_VALUE_KEYS: { key: string; what: string }[] = [
  { key: 'clientsecret', what: 'a client secret' },
  { key: 'certificatepassword', what: 'a certificate password' },
  { key: 'base64encodedvalue', what: 'a base64-encoded certificate (with its private key)' },
];

/** True when the value is a real secret candidate: non-empty, not a placeholder, not a reference. */
function literalSecret(value: string | undefined): boolean {
  if (value === undefined) return false;
  const v = value.trim();
  if (!v || REFERENCE.test(v)) return false;
  // Entra secrets have no spaces: a sentence is a placeholder (config/placeholder reports it).
  if (v.split(/\s+/).length >= 3) return false;
  const ph = findPlaceholders(v);
  // Any whole-value placeholder, or prose (real secrets have no spaces).
  if (ph.some((p) => p.whole) || (ph.length && /\s/.test(v))) return false;
  return true;
}

function secretProps(cred: CredentialEntry): { prop: PropertyRef; what: string }[] {
  const out: { prop: PropertyRef; what: string }[] = [];
  for (const { key, what } of SECRET_VALUE_KEYS) {
    const prop = cred.props.get(key);
    if (prop) out.push({ prop, what });
  }
  return out;
}

function userSecretsKey(prop: PropertyRef): string {
  return prop.path.map(String).join(':');
}

export const secretInSourceRule: Rule = {
  ids: ['config/secret-in-source'],
  check(model: ConfigModel) {
    const out: RuleFinding[] = [];
    const seen = new Set<PropertyRef['valueNode']>();
    for (const cred of model.credentials) {
      for (const { prop, what } of secretProps(cred)) {
        if (seen.has(prop.valueNode)) continue;
        seen.add(prop.valueNode);
        const value = stringValue(prop.valueNode);
        if (!literalSecret(value)) continue;
        if (prop.key.toLowerCase() === 'clientsecret' && GUID.test(value!.trim())) continue; // config/secret-looks-like-id
        const key = userSecretsKey(prop);
        out.push({
          ruleId: 'config/secret-in-source',
          severity: 'warning',
          message:
            `'${label(prop.path)}' holds ${what} in a file that is usually committed: anyone who can read the repository can authenticate as this app. ` +
            `Move it out of the file — \`dotnet user-secrets set "${key}" "<value>"\` for development, an environment variable (${key.replace(/:/g, '__')}) ` +
            `or Key Vault in production — rotate it if it was ever pushed, and prefer a certificate or managed identity.`,
          offset: prop.valueNode.offset,
          length: prop.valueNode.length,
        });
      }
    }
    return out;
  },
};

export const secretLooksLikeIdRule: Rule = {
  ids: ['config/secret-looks-like-id'],
  check(model: ConfigModel) {
    const out: RuleFinding[] = [];
    const seen = new Set<PropertyRef['valueNode']>();
    for (const cred of model.credentials) {
      const prop = cred.props.get('clientsecret');
      if (!prop || seen.has(prop.valueNode)) continue;
      seen.add(prop.valueNode);
      const value = stringValue(prop.valueNode)?.trim();
      if (!value || !GUID.test(value)) continue;
      const clientId = stringValue(cred.identity.props.get('clientid')?.valueNode)?.trim();
      const tenantId = stringValue(cred.identity.props.get('tenantid')?.valueNode)?.trim();
      const which =
        clientId && clientId.toLowerCase() === value.toLowerCase()
          ? "It is the app's ClientId."
          : tenantId && tenantId.toLowerCase() === value.toLowerCase()
            ? "It is the TenantId."
            : "A GUID here is almost always the secret's 'Secret ID' column from the portal.";
      out.push({
        ruleId: 'config/secret-looks-like-id',
        severity: 'error',
        message:
          `'${label(prop.path)}' is a GUID, but a client secret's value never is. ${which} ` +
          `Entra rejects it with AADSTS7000215 (invalid client secret: send the secret value, not the secret ID). ` +
          `Copy the 'Value' column when the secret is created (it is shown only once), or create a new secret.`,
        offset: prop.valueNode.offset,
        length: prop.valueNode.length,
      });
    }
    return out;
  },
};
