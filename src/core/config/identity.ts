// Finds identity sections: AzureAd, AzureAdB2C, any object with ClientId + Instance/Authority/TenantId,
// and the legacy flat daemon shape (root-level Instance/Tenant/ClientId).
import type { Node } from 'jsonc-parser';
import { LowerKeySet } from '../knowledge/key-set';
import { hasKey, isObject, isValidProperty, propertyMap, refOf, stringValue } from './json';
import type { ConfigDocument, IdentitySection, JsonPath } from './model';

const NAMED_KEYS = new LowerKeySet(['azuread', 'azureadb2c', 'entraid', 'microsoftentraid', 'azureactivedirectory']);
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
const NOT_IDENTITY_KEYS = new LowerKeySet(['clientcredentials', 'clientcertificates', 'tokendecryptioncredentials', 'downstreamapis', 'downstreamapi']);
const MAX_DEPTH = 4;

function looksLikeIdentity(obj: Node): boolean {
  return hasKey(obj, 'clientid') && (hasKey(obj, 'instance') || hasKey(obj, 'authority') || hasKey(obj, 'tenantid'));
}

function classify(doc: ConfigDocument, name: string, node: Node, path: JsonPath, legacy: boolean): IdentitySection {
  const props = propertyMap(doc, node);
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
  const rootProps = propertyMap(doc, root);
  const rootHasTenant = rootProps.has('tenant') || rootProps.has('tenantid') || rootProps.has('instance') || rootProps.has('authority');
  if (rootProps.has('clientid') && rootHasTenant) found.push(classify(doc, '', root, [], true));

  // Walked on the nodes: a PropertyRef (and its path) only for a section that is found — a large
  // file has thousands of objects that are not identity sections.
  const visit = (node: Node, depth: number): void => {
    for (const p of node.children!) {
      if (!isValidProperty(p)) continue;
      const value = p.children![1]!;
      if (!isObject(value)) continue;
      const key = p.children![0]!.value as string;
      if (NOT_IDENTITY_KEYS.hasTrimmed(key)) continue;
      if (NAMED_KEYS.hasTrimmed(key) || looksLikeIdentity(value)) {
        found.push(classify(doc, key, value, refOf(doc, p).path, false));
        continue;
      }
      if (depth < MAX_DEPTH && value.children) visit(value, depth + 1);
    }
  };
  if (root.children) visit(root, 1);
  return found;
}
