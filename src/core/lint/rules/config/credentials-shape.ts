// config/credentials-shape: ClientCredentials / ClientCertificates / TokenDecryptionCredentials
// that Microsoft.Identity.Web cannot load (entra-facts.md §6.2).
import type { Node } from 'jsonc-parser';
import type { ConfigModel, CredentialEntry, IdentitySection, PropertyRef } from '../../../config/model';
import { booleanValue, propertiesOf, stringValue } from '../../../config/json';
import {
  allowedCredentialKeys,
  checkStorePath,
  credentialSource,
  sourceTypeNames,
  type CredentialSourceInfo,
} from '../../../knowledge/credential-sources';
import { editDistance, isKnownKey } from '../../../knowledge/known-keys';
import { hasPlaceholder } from '../../../knowledge/placeholders';
import type { Rule, RuleFinding } from '../../rule';
import { label, replaceNode } from './util';

const ARRAYS = ['clientcredentials', 'clientcertificates', 'tokendecryptioncredentials', 'tokendecryptioncertificates'];

/** Keys an entry may use instead of the named ones (`Container` / `ReferenceOrValue`, [S-ABS]). */
const ALIASES: Record<string, Record<string, string>> = {
  KeyVault: { keyvaulturl: 'container', keyvaultcertificatename: 'referenceorvalue' },
  SignedAssertionFromVault: { keyvaulturl: 'container', keyvaultcertificatename: 'referenceorvalue' },
  Base64Encoded: { base64encodedvalue: 'referenceorvalue' },
  Path: { certificatediskpath: 'container' },
  StoreWithThumbprint: { certificatestorepath: 'container', certificatethumbprint: 'referenceorvalue' },
  StoreWithDistinguishedName: { certificatestorepath: 'container', certificatedistinguishedname: 'referenceorvalue' },
  ClientSecret: { clientsecret: 'referenceorvalue' },
};

/** Keys holding a secret value: best kept out of the file, so their absence is not a shape error. */
const SECRET_VALUE_KEYS = new Set(['clientsecret', 'certificatepassword', 'base64encodedvalue']);

/** Whether another file of the family (e.g. appsettings.Development.json) sets this key at the same path. */
function inFamily(model: ConfigModel, cred: CredentialEntry, key: string): boolean {
  for (const doc of model.family) {
    if (doc === model.doc) continue;
    let node: Node | undefined = doc.root;
    for (const seg of [...cred.path, key]) {
      if (!node) break;
      if (typeof seg === 'number') node = node.type === 'array' ? node.children?.[seg] : undefined;
      else node = node.type === 'object' ? propertiesOf(doc, node).find((p) => p.key.toLowerCase() === seg.toLowerCase())?.valueNode : undefined;
    }
    if (node && node.type === 'string' && node.value) return true;
  }
  return false;
}

const MSG_NONE_LOADED = 'Microsoft.Identity.Web skips it, and with no usable credential it fails with IDW10109 (no credential could be loaded) or Entra with AADSTS7000218';

function closestSourceType(value: string): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const name of sourceTypeNames()) {
    const d = editDistance(value, name, 4);
    if (d <= Math.max(2, Math.floor(name.length / 4)) && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}

function entryLabel(cred: CredentialEntry): string {
  return label(cred.path);
}

function checkEntry(model: ConfigModel, cred: CredentialEntry, out: RuleFinding[]): void {
  if (!cred.node) return;
  const where = entryLabel(cred);
  const props = cred.props;
  const values = [...props.values()];
  const allEmpty = values.length > 0 && values.every((p) => (stringValue(p.valueNode) ?? 'x') === '');
  if (values.length === 0 || allEmpty) {
    // `Certificate: {}` in old samples, or `{ "SourceType": "", "Container": "" }` left for later.
    if (cred.container !== 'Certificate') {
      out.push({
        ruleId: 'config/credentials-shape',
        severity: 'info',
        message: `The entry '${where}' is empty and describes no credential; it is ignored. Fill it in or remove it.`,
        offset: cred.node.offset,
        length: cred.node.length,
      });
    }
    return;
  }
  const skip = booleanValue(props.get('skip')?.valueNode) === true;

  const st = cred.sourceType;
  if (!st) {
    const hint = props.has('clientsecret') ? " Add \"SourceType\": \"ClientSecret\"." : '';
    out.push({
      ruleId: 'config/credentials-shape',
      severity: 'error',
      message: `'${where}' has no SourceType: it defaults to Certificate (0), which can only be provided in code, so ${MSG_NONE_LOADED}.${hint}`,
      offset: cred.node.offset,
      length: cred.node.length,
    });
    return;
  }
  const raw = st.valueNode.type === 'number' ? (st.valueNode.value as number) : stringValue(st.valueNode);
  if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
    out.push({
      ruleId: 'config/credentials-shape',
      severity: 'warning',
      message: `'${label(st.path)}' is empty, so this entry describes no credential and ${MSG_NONE_LOADED}.`,
      offset: st.valueNode.offset,
      length: st.valueNode.length,
    });
    return;
  }
  const source = credentialSource(raw);
  if (!source) {
    const meant = typeof raw === 'string' ? closestSourceType(raw) : undefined;
    out.push({
      ruleId: 'config/credentials-shape',
      severity: 'error',
      message:
        `Unknown SourceType ${JSON.stringify(raw)} in '${where}'` +
        (meant ? ` — did you mean '${meant}'?` : ` (known: ${sourceTypeNames().join(', ')}).`) +
        ` .NET cannot bind it, so the configuration fails to load or the entry is skipped (IDW10109).`,
      offset: st.valueNode.offset,
      length: st.valueNode.length,
      fixes: meant ? [replaceNode(`Use SourceType "${meant}"`, st.valueNode, JSON.stringify(meant))] : undefined,
    });
    return;
  }
  checkContainer(cred, source, st, out);
  if (source.kind === 'code-only') {
    out.push({
      ruleId: 'config/credentials-shape',
      severity: 'warning',
      message: `SourceType '${source.name}' in '${where}': ${source.note}. ${MSG_NONE_LOADED}.`,
      offset: st.valueNode.offset,
      length: st.valueNode.length,
    });
    return;
  }
  if (skip) return;

  // Required keys (case-insensitive, exact otherwise; Container/ReferenceOrValue also count).
  const aliases = ALIASES[source.name] ?? {};
  const missing = source.required.filter((k) => {
    const lower = k.toLowerCase();
    return !props.has(lower) && !(aliases[lower] && props.has(aliases[lower]!));
  });
  // A secret value missing from the file is often on purpose: .NET merges user secrets, environment
  // variables and environment overlays over appsettings.json. Say where it must come from instead.
  const secretsElsewhere = missing.filter((k) => SECRET_VALUE_KEYS.has(k.toLowerCase()));
  if (secretsElsewhere.length) {
    missing.splice(0, missing.length, ...missing.filter((k) => !SECRET_VALUE_KEYS.has(k.toLowerCase())));
    const supplied = secretsElsewhere.filter((k) => inFamily(model, cred, k));
    const absent = secretsElsewhere.filter((k) => !supplied.includes(k));
    if (absent.length) {
      const envName = [...cred.path, absent[0]!].join('__');
      const userSecrets = model.codeHints.userSecretsId
        ? `.NET user secrets (the project's UserSecretsId is '${model.codeHints.userSecretsId}')`
        : '.NET user secrets';
      out.push({
        ruleId: 'config/credentials-shape',
        severity: 'info',
        message:
          `'${where}' (SourceType ${source.name}) has no '${absent[0]}' in this file. That is right for a secret, which then must come from ` +
          `${userSecrets}, the environment variable ${envName}, or Key Vault — otherwise ${MSG_NONE_LOADED}.`,
        offset: st.valueNode.offset,
        length: st.valueNode.length,
      });
    }
  }
  if (missing.length) {
    const near = missing
      .map((m) => [...props.keys()].find((k) => k.trim() === m.toLowerCase() || (k !== m.toLowerCase() && editDistance(k.trim(), m, 2) <= 2)))
      .filter(Boolean);
    out.push({
      ruleId: 'config/credentials-shape',
      severity: 'error',
      message:
        `'${where}' (SourceType ${source.name}) is missing ${missing.map((m) => `'${m}'`).join(' and ')}, so ${MSG_NONE_LOADED}.` +
        (near.length ? ` (A key spelled differently is present — see config/key-whitespace / config/unknown-key.)` : ''),
      offset: st.valueNode.offset,
      length: st.valueNode.length,
    });
  }

  // Keys of other sources: ignored for this one.
  const allowed = new Set(allowedCredentialKeys(source).map((k) => k.toLowerCase()));
  for (const p of propertiesOf(model.doc, cred.node)) {
    const k = p.key.toLowerCase();
    if (allowed.has(k) || !isKnownKey('credential', p.key)) continue;
    out.push({
      ruleId: 'config/credentials-shape',
      severity: 'info',
      message: `'${p.key}' is not used by SourceType ${source.name}; it is ignored in '${where}'.`,
      offset: p.keyNode.offset,
      length: p.keyNode.length,
    });
  }

  const store = props.get('certificatestorepath') ?? (source.name.startsWith('Store') ? props.get('container') : undefined);
  const storeValue = stringValue(store?.valueNode);
  if (store && storeValue && !hasPlaceholder(storeValue)) {
    const problem = checkStorePath(storeValue.trim());
    if (problem) {
      out.push({
        ruleId: 'config/credentials-shape',
        severity: 'error',
        message: `'${label(store.path)}' ${problem}: Microsoft.Identity.Web fails with IDW10703.`,
        offset: store.valueNode.offset,
        length: store.valueNode.length,
      });
    }
  }
  const thumb = props.get('certificatethumbprint');
  const thumbValue = stringValue(thumb?.valueNode);
  if (thumb && thumbValue && !hasPlaceholder(thumbValue)) checkThumbprint(thumb, thumbValue, out);
}

/** A SHA-1 thumbprint is 40 hex digits; copies from certmgr often carry spaces or an invisible U+200E. */
function checkThumbprint(prop: PropertyRef, value: string, out: RuleFinding[]): void {
  if (/^[0-9a-f]{40}$/i.test(value)) return;
  const cleaned = value.replace(/[\s\u200e\u200f\u200b\ufeff:]/g, '');
  if (/^[0-9a-f]{40}$/i.test(cleaned)) {
    out.push({
      ruleId: 'config/credentials-shape',
      severity: 'error',
      message: `'${label(prop.path)}' contains spaces, colons or invisible characters (often copied from the certificate dialog): the certificate is not found in the store (IDW10109).`,
      offset: prop.valueNode.offset,
      length: prop.valueNode.length,
      fixes: [replaceNode('Keep only the 40 hex digits', prop.valueNode, JSON.stringify(cleaned.toUpperCase()))],
    });
    return;
  }
  out.push({
    ruleId: 'config/credentials-shape',
    severity: 'error',
    message: `'${label(prop.path)}' is not a certificate thumbprint (40 hex digits, ${cleaned.length} characters here): the certificate is not found in the store (IDW10109).`,
    offset: prop.valueNode.offset,
    length: prop.valueNode.length,
  });
}

/** A source in a container that does not accept it. */
function checkContainer(cred: CredentialEntry, source: CredentialSourceInfo, st: PropertyRef, out: RuleFinding[]): void {
  const c = cred.container;
  let problem: string | undefined;
  let severity: 'error' | 'warning' = 'error';
  if (c === 'ClientCredentials' && !source.clientCredential) problem = `'${source.name}' only decrypts tokens; it cannot authenticate the app in ClientCredentials`;
  if (c === 'TokenDecryptionCredentials' && !source.decryption) problem = `'${source.name}' cannot decrypt tokens; TokenDecryptionCredentials takes certificates (or AutoDecryptKeys)`;
  if (c === 'ClientCertificates' && !source.clientCertificate) {
    problem = `the legacy ClientCertificates array is for certificates; describe a '${source.name}' credential in ClientCredentials`;
    severity = 'warning';
  }
  if (!problem) return;
  out.push({ ruleId: 'config/credentials-shape', severity, message: `${problem} (${label(st.path)}).`, offset: st.valueNode.offset, length: st.valueNode.length });
}

/** ClientCredentials written as an object (or a string) instead of an array. */
function checkArrays(model: ConfigModel, identity: IdentitySection, out: RuleFinding[]): void {
  for (const key of ARRAYS) {
    const prop = identity.props.get(key);
    if (!prop) continue;
    const v = prop.valueNode;
    if (v.type === 'array') {
      for (const el of v.children ?? []) {
        if (el.type !== 'object') {
          out.push({
            ruleId: 'config/credentials-shape',
            severity: 'error',
            message: `Each entry of '${label(prop.path)}' must be an object such as { "SourceType": "ClientSecret", "ClientSecret": "…" }; this ${el.type} is not a credential description.`,
            offset: el.offset,
            length: el.length,
          });
        }
      }
      continue;
    }
    if (v.type === 'null') continue;
    const wrap = v.type === 'object';
    out.push({
      ruleId: 'config/credentials-shape',
      severity: 'error',
      message:
        `'${label(prop.path)}' must be an array of credential descriptions, not ${v.type === 'object' ? 'an object' : `a ${v.type}`}: ` +
        `.NET binds the object's properties as list items, so ${MSG_NONE_LOADED}.` +
        (wrap ? ' Wrap it in [ ].' : ''),
      offset: v.offset,
      length: v.length,
      fixes: wrap ? [wrapInArray(v)] : undefined,
    });
  }
  // Top-level ClientSecret next to a non-empty ClientCredentials: the secret is ignored ([S-IDW] MergedOptions, IDW10110).
  const secret = identity.props.get('clientsecret');
  const creds = identity.props.get('clientcredentials');
  if (secret && creds && creds.valueNode.type === 'array' && (creds.valueNode.children?.length ?? 0) > 0 && (stringValue(secret.valueNode) ?? '') !== '') {
    out.push({
      ruleId: 'config/credentials-shape',
      severity: 'warning',
      message: `'${label(secret.path)}' is ignored because '${label(creds.path)}' is not empty (IDW10110): add the secret as a ClientCredentials entry with "SourceType": "ClientSecret" instead.`,
      offset: secret.keyNode.offset,
      length: secret.keyNode.length,
    });
  }
}

/** Inserts brackets around the object, leaving its text (and comments) as they are. */
function wrapInArray(node: Node) {
  return {
    title: 'Wrap the credential in an array',
    edits: [
      { offset: node.offset, length: 0, content: '[' },
      { offset: node.offset + node.length, length: 0, content: ']' },
    ],
    isPreferred: true,
  };
}

export const credentialsShapeRule: Rule = {
  ids: ['config/credentials-shape'],
  check(model) {
    const out: RuleFinding[] = [];
    for (const identity of model.identities) checkArrays(model, identity, out);
    for (const cred of model.credentials) if (cred.container !== 'legacy') checkEntry(model, cred, out);
    return out.sort((a, b) => a.offset - b.offset);
  },
};
