// config/placeholder: template values left unfilled (entra-facts.md §7), also inside URIs, and
// required identity values left empty.
import type { Node } from 'jsonc-parser';
import type { ConfigModel, IdentitySection } from '../../../config/model';
import { offsetInString, propertiesOf, stringValue } from '../../../config/json';
import { describePlaceholder, findPlaceholders, type PlaceholderFamily, type PlaceholderMatch } from '../../../knowledge/placeholders';
import type { Rule, RuleFinding } from '../../rule';
import { docIndex, isSecretKey } from '../../doc-index';
import { label, ownedSections, pathBelow, quote } from './util';

const SECRET_FAMILIES = new Set<PlaceholderFamily>(['bracketed', 'angle', 'enter-token', 'instruction', 'template-value', 'your', 'descriptive-id', 'template-guid']);
/** Outside the sections Microsoft.Identity.Web binds, only unmistakable families, and only when they talk about Entra things. */
const FOREIGN_FAMILIES = new Set<PlaceholderFamily>(['bracketed', 'enter-token', 'instruction']);
const ENTRA_WORDS = /tenant|client|secret|object\s*-?id|app(lication)?\s*-?id|scope|azure|entra|certificate|thumbprint|domain|portal|app registration/i;

interface KeyInfo {
  /** What belongs there, for the message. */
  want: string;
  /** What Entra / Microsoft.Identity.Web does with the placeholder. */
  effect: string;
  critical: boolean;
}

const KEY_INFO: Record<string, KeyInfo> = {
  clientid: { want: 'the Application (client) ID of the app registration', effect: 'Entra answers AADSTS700016 (application not found in the directory)', critical: true },
  tenantid: { want: 'the Directory (tenant) ID or a verified domain of your tenant', effect: 'Entra answers AADSTS90002 (tenant not found) or AADSTS900023', critical: true },
  tenant: { want: 'the Directory (tenant) ID or a verified domain of your tenant', effect: 'Entra answers AADSTS90002 (tenant not found) or AADSTS900023', critical: true },
  domain: { want: 'your tenant domain, e.g. contoso.onmicrosoft.com', effect: 'the authority built from it does not exist (AADSTS90002)', critical: true },
  instance: { want: 'the cloud instance, e.g. https://login.microsoftonline.com/', effect: 'Microsoft.Identity.Web cannot build the authority (IDW10503) or Entra answers AADSTS90002', critical: true },
  authority: { want: 'the authority URL, e.g. https://login.microsoftonline.com/{tenant-id}/v2.0', effect: 'the authority does not exist (AADSTS90002 / AADSTS900023)', critical: true },
  clientsecret: {
    want: "the secret's Value from Certificates & secrets — better kept out of this file (user secrets, an environment variable or Key Vault)",
    effect: 'Entra answers AADSTS7000215 (invalid client secret)',
    critical: true,
  },
  scopes: { want: 'the scopes to request, e.g. api://{api-client-id}/.default for an app token', effect: 'Entra answers AADSTS70011 (invalid scope) or AADSTS500011 (resource not found)', critical: true },
  keyvaulturl: { want: 'the URL of your Key Vault', effect: 'the certificate cannot be loaded (IDW10109: no credential could be loaded)', critical: true },
  keyvaultcertificatename: { want: 'the name of the certificate in Key Vault', effect: 'the certificate cannot be loaded (IDW10109)', critical: true },
  certificatethumbprint: { want: 'the certificate thumbprint (40 hex digits)', effect: 'the certificate cannot be found in the store (IDW10109)', critical: true },
  certificatedistinguishedname: { want: "the certificate's subject, e.g. CN=MyApp", effect: 'the certificate cannot be found in the store (IDW10109)', critical: true },
  certificatediskpath: { want: 'the path of the certificate file', effect: 'the certificate cannot be loaded (IDW10109)', critical: true },
  certificatestorepath: { want: 'the store, e.g. CurrentUser/My', effect: 'the certificate cannot be loaded (IDW10703 / IDW10109)', critical: true },
  base64encodedvalue: { want: 'the base64-encoded certificate — better kept out of this file', effect: 'the certificate cannot be loaded (IDW10109)', critical: true },
  certificatepassword: { want: 'the certificate password — better kept out of this file', effect: 'the certificate cannot be opened (IDW10109)', critical: true },
  managedidentityclientid: { want: 'the client ID of the user-assigned managed identity', effect: 'the managed identity is not found', critical: true },
  userassignedclientid: { want: 'the client ID of the user-assigned managed identity', effect: 'the managed identity is not found', critical: true },
  baseurl: { want: 'the base URL of the API', effect: 'the call goes to a URL that does not exist', critical: false },
};

const ACCEPTED_SCOPES: KeyInfo = {
  want: "the scope names your web API accepts (the 'scp' values of its exposed scopes, e.g. access_as_user)",
  effect: 'no caller token carries this scope, so every delegated call is rejected with 403',
  critical: true,
};

function keyInfo(key: string, acceptedScopes: boolean): KeyInfo | undefined {
  const k = key.trim().toLowerCase();
  if (acceptedScopes) return ACCEPTED_SCOPES;
  if (KEY_INFO[k]) return KEY_INFO[k];
  if (/scopes?$/.test(k)) return KEY_INFO.scopes;
  return undefined;
}

function pick(value: string, key: string, foreign: boolean): PlaceholderMatch | undefined {
  const found = findPlaceholders(value);
  const first = found[0];
  const trimmed = value.trim();
  const secret = isSecretKey(key);
  if (secret && !first && trimmed.split(/\s+/).length >= 3) {
    // "The secret generated by AAD during your confidential app registration": prose, never a secret.
    const start = value.indexOf(trimmed);
    return { family: 'instruction', start, end: start + trimmed.length, text: trimmed, whole: true };
  }
  if (!first) return undefined;
  if (secret) {
    // A real secret never has spaces; otherwise only whole-value, unmistakable families.
    if (/\s/.test(value.trim())) return first;
    return first.whole && SECRET_FAMILIES.has(first.family) ? first : undefined;
  }
  if (foreign) {
    const m = found.find((f) => FOREIGN_FAMILIES.has(f.family) && ENTRA_WORDS.test(f.text));
    return m;
  }
  return first;
}

function placeholderFinding(model: ConfigModel, node: Node, key: string, pathOf: () => (string | number)[], match: PlaceholderMatch, foreign: boolean, acceptedScopes: boolean): RuleFinding {
  const doc = model.doc;
  const info = keyInfo(key, acceptedScopes);
  const secret = isSecretKey(key);
  const start = offsetInString(doc, node, match.start);
  const end = offsetInString(doc, node, match.end);
  const where = label(pathOf());
  const what = describePlaceholder(match);
  const shown = secret ? '' : ` (${quote(match.text)})`;
  const inside = match.whole ? '' : ' inside its value';
  const message =
    `'${where}' still holds ${what}${inside}${shown}` +
    (info ? `: put ${info.want} here. As written, ${info.effect}.` : ': replace it with the real value; as written it is used literally.');
  return {
    ruleId: 'config/placeholder',
    severity: foreign ? 'warning' : info?.critical ? 'error' : 'warning',
    message,
    offset: start,
    length: Math.max(1, end - start),
  };
}

/** Empty ClientId/TenantId/Instance/ClientSecret that no other file of the family fills in. */
function emptyFindings(model: ConfigModel, identity: IdentitySection): RuleFinding[] {
  const out: RuleFinding[] = [];
  const keys = identity.props.has('authority') ? ['clientid', 'clientsecret'] : ['clientid', 'tenantid', 'instance', 'clientsecret'];
  for (const key of keys) {
    const prop = identity.props.get(key);
    if (!prop || stringValue(prop.valueNode)?.trim() !== '') continue;
    const filled = model.familyIdentities.some(
      (other) => other.name.toLowerCase() === identity.name.toLowerCase() && (stringValue(other.props.get(key)?.valueNode)?.trim() ?? '') !== '',
    );
    if (filled) continue;
    const where = label(prop.path);
    const envVar = prop.path.map(String).join('__');
    const effect =
      key === 'clientsecret'
        ? 'without it, code redemption and app tokens fail with AADSTS7000218 (no client_secret or client_assertion)'
        : `without it Microsoft.Identity.Web stops with IDW10106 ('${prop.key}' option must be provided)`;
    out.push({
      ruleId: 'config/placeholder',
      severity: 'info',
      message: `'${where}' is empty: it must come from another configuration source (environment variable ${envVar}, user secrets, an appsettings.{Environment}.json overlay); ${effect}.`,
      offset: prop.valueNode.offset,
      length: prop.valueNode.length,
    });
  }
  return out;
}

interface Scan {
  node: Node;
  path: (string | number)[];
  foreign: boolean;
}

/** The value node holding `n` (an object through its property, or an array). */
function valueParent(n: Node): Node | undefined {
  const p = n.parent;
  return p && p.type === 'property' ? p.parent : p;
}

/** Values are walked this deep below the start of a scan. */
const SCAN_DEPTH = 12;

export const placeholderRule: Rule = {
  ids: ['config/placeholder'],
  check(model) {
    const doc = model.doc;
    const out: RuleFinding[] = [];
    // Only values that may hold a placeholder (or sit under a secret key) can be reported: the document
    // index lists them, so a clean file is not walked again here.
    const candidates = docIndex(doc).stringCandidates;
    if (candidates.length) {
      // A web API's own accepted scopes (AzureAd:Scopes) are not requested: their placeholder means something else.
      const accepted = new Set<Node>();
      for (const list of model.scopeLists) if (!list.isRequest) for (const item of list.items) accepted.add(item.node);
      // The scans, in order: each value is judged (foreign or not, path) by the first scan that reaches
      // it — a scan reaches the values up to SCAN_DEPTH levels below its start.
      const scans: Scan[] = [];
      const scan = (node: Node, path: (string | number)[], foreign: boolean): void => void scans.push({ node, path, foreign });
      for (const section of ownedSections(model)) {
        if (section.kind === 'legacy-root') {
          // The root is shared with everything else: its scalar values and the legacy Certificate object only.
          for (const p of propertiesOf(doc, section.node)) {
            if (p.valueNode.type === 'string' || p.key.trim().toLowerCase() === 'certificate' || /scopes?$/i.test(p.key)) scan(p.valueNode, p.path, false);
          }
        } else {
          scan(section.node, section.path, false);
        }
      }
      for (const list of model.scopeLists) {
        const parent = list.prop.keyNode.parent?.parent;
        if (list.sectionPath.length > 0 && parent) scan(parent, list.sectionPath, false);
        else scan(list.prop.valueNode, list.prop.path, false);
      }
      // Everything else: only unmistakable, Entra-related placeholders (e.g. group object IDs to fill in).
      if (doc.root) scan(doc.root, [], true);
      const firstScan = new Map<Node, number>();
      scans.forEach((s, i) => {
        if (!firstScan.has(s.node)) firstScan.set(s.node, i);
      });
      for (const { node, key } of candidates) {
        if (key === '$schema') continue;
        let best = -1;
        let a: Node | undefined = node;
        for (let d = 0; a && d <= SCAN_DEPTH; d++, a = valueParent(a)) {
          const i = firstScan.get(a);
          if (i !== undefined && (best < 0 || i < best)) best = i;
        }
        if (best < 0) continue;
        const s = scans[best]!;
        const match = pick(node.value as string, key, s.foreign);
        if (match) out.push(placeholderFinding(model, node, key, () => pathBelow(s.path, s.node, node), match, s.foreign, accepted.has(node)));
      }
    }

    for (const identity of model.identities) out.push(...emptyFindings(model, identity));
    return out.sort((a, b) => a.offset - b.offset);
  },
};
