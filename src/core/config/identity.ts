// Finds identity sections: AzureAd, AzureAdB2C, any object with ClientId + Instance/Authority/TenantId,
// and the legacy flat daemon shape (root-level Instance/Tenant/ClientId).
import type { Node } from 'jsonc-parser';
import { hasKey, isObject, propertiesOf, propertyMap, stringValue } from './json';
import type { ConfigDocument, IdentitySection, JsonPath } from './model';

const NAMED = new Set(['azuread', 'azureadb2c', 'entraid', 'microsoftentraid', 'azureactivedirectory']);
const SIGN_IN_KEYS = [
  'callbackpath',
  'signedoutcallbackpath',
  'signedoutredirecturi',
  'signupsigninpolicyid',
  'resetpasswordpolicyid',
  'editprofilepolicyid',
  'withspaauthcode',
  'resetpasswordpath',
  'errorpath',
];
const WEB_API_KEYS = ['audience', 'audiences', 'scopes', 'allowwebapitobeauthorizedbyacl', 'tokendecryptioncredentials', 'tokendecryptioncertificates'];
/** Objects inside identity sections that are never identity sections themselves. */
const NOT_IDENTITY = new Set(['clientcredentials', 'clientcertificates', 'tokendecryptioncredentials', 'downstreamapis', 'downstreamapi']);
const MAX_DEPTH = 4;

function looksLikeIdentity(obj: Node): boolean {
  return hasKey(obj, 'clientid') && (hasKey(obj, 'instance') || hasKey(obj, 'authority') || hasKey(obj, 'tenantid'));
}

function classify(doc: ConfigDocument, name: string, node: Node, path: JsonPath, legacy: boolean): IdentitySection {
  const props = propertyMap(doc, node, path);
  const instance = stringValue(props.get('instance')?.valueNode) ?? stringValue(props.get('authority')?.valueNode) ?? '';
  const isB2C =
    /b2c/i.test(name) || /\.b2clogin\.com/i.test(instance) || props.has('signupsigninpolicyid') || props.has('susipolicy');
  return {
    doc,
    name,
    path,
    node,
    kind: legacy ? 'legacy-flat' : isB2C ? 'b2c' : 'identity-web',
    props,
    isB2C,
    signsInUsers: SIGN_IN_KEYS.some((k) => props.has(k)),
    isWebApi: WEB_API_KEYS.some((k) => props.has(k)),
  };
}

export function findIdentities(doc: ConfigDocument): IdentitySection[] {
  const root = doc.root;
  if (!isObject(root)) return [];
  const found: IdentitySection[] = [];
  const rootProps = propertyMap(doc, root, []);
  const rootHasTenant = rootProps.has('tenant') || rootProps.has('tenantid') || rootProps.has('instance') || rootProps.has('authority');
  if (rootProps.has('clientid') && rootHasTenant) found.push(classify(doc, '', root, [], true));

  const visit = (node: Node, path: JsonPath, depth: number): void => {
    for (const p of propertiesOf(doc, node, path)) {
      if (!isObject(p.valueNode)) continue;
      const lower = p.key.trim().toLowerCase();
      if (NOT_IDENTITY.has(lower)) continue;
      if (NAMED.has(lower) || looksLikeIdentity(p.valueNode)) {
        found.push(classify(doc, p.key, p.valueNode, p.path, false));
        continue;
      }
      if (depth < MAX_DEPTH) visit(p.valueNode, p.path, depth + 1);
    }
  };
  visit(root, [], 1);
  return found;
}
