// Credential descriptions: ClientCredentials[], ClientCertificates[], TokenDecryptionCredentials[],
// the legacy daemon `Certificate` object and a top-level ClientSecret.
import { propertyMap } from './json';
import type { CredentialContainer, CredentialEntry, IdentitySection } from './model';

const CONTAINERS: [string, CredentialContainer][] = [
  ['clientcredentials', 'ClientCredentials'],
  ['clientcertificates', 'ClientCertificates'],
  ['tokendecryptioncredentials', 'TokenDecryptionCredentials'],
  ['tokendecryptioncertificates', 'TokenDecryptionCredentials'],
];

export function findCredentials(identities: IdentitySection[]): CredentialEntry[] {
  const out: CredentialEntry[] = [];
  for (const identity of identities) {
    const { doc } = identity;
    for (const [key, container] of CONTAINERS) {
      const prop = identity.props.get(key);
      if (!prop) continue;
      const value = prop.valueNode;
      // An object where an array belongs is still read, so its keys are checked too (credentials-shape says why it is wrong).
      const elements = value.type === 'array' ? (value.children ?? []).map((n, i) => [n, i] as const) : [[value, undefined] as const];
      for (const [node, index] of elements) {
        if (node.type !== 'object') continue;
        const path = index === undefined ? prop.path : [...prop.path, index];
        const props = propertyMap(doc, node);
        out.push({ doc, identity, container, node, path, props, sourceType: props.get('sourcetype') });
      }
    }
    const certificate = identity.props.get('certificate');
    if (certificate && certificate.valueNode.type === 'object') {
      const props = propertyMap(doc, certificate.valueNode);
      out.push({
        doc,
        identity,
        container: 'Certificate',
        node: certificate.valueNode,
        path: certificate.path,
        props,
        sourceType: props.get('sourcetype'),
      });
    }
    const secret = identity.props.get('clientsecret');
    if (secret) {
      out.push({ doc, identity, container: 'legacy', node: undefined, path: secret.path, props: new Map([['clientsecret', secret]]) });
    }
  }
  return out;
}
