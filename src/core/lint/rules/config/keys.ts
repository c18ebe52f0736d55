// config/key-whitespace and config/unknown-key: keys .NET configuration silently ignores.
// Keys are matched case-insensitively but otherwise exactly, so `"UserAssignedClientId "` or
// `Scepes` bind to nothing and the setting falls back to its default without any error.
import type { Node } from 'jsonc-parser';
import type { ConfigModel, PropertyRef } from '../../../config/model';
import { propertiesOf } from '../../../config/json';
import { canonicalKey, isKnownKey, knownKeys, legacyAlias, misplacedKey, suggestKey, type SectionKind } from '../../../knowledge/known-keys';
import type { Rule, RuleFinding } from '../../rule';
import { docIndex, isSuspectKey } from '../../doc-index';
import { label, ownedSections, renameKey, type OwnedSection } from './util';

/** Invisible characters that make a key differ from what the reader sees. */
const INVISIBLE = /[\u00a0\u200b-\u200f\u2028\u2029\u202f\u2060\ufeff]/g;

function cleanKey(key: string): string {
  return key.replace(INVISIBLE, '').trim();
}

/** What silently happens when a key is not bound, for the keys where it matters most. */
const CONSEQUENCE: Record<string, string> = {
  userassignedclientid: 'the user-assigned managed identity is not used: the system-assigned identity is used instead (or the token request fails if there is none)',
  managedidentity: 'the managed-identity settings in this block are ignored',
  acquiretokenoptions: 'the whole block is ignored, so none of its settings (managed identity, tenant, claims …) take effect',
  scopes: 'no scopes are bound from this section',
  clientid: 'ClientId is missing (IDW10106), or Entra receives no client_id',
  tenantid: 'TenantId is missing: Microsoft.Identity.Web reports IDW10708 (incomplete identity configuration)',
  instance: 'Instance is missing: Microsoft.Identity.Web reports IDW10503 or IDW10708',
  authority: 'Authority is missing, so Instance/TenantId are needed instead (IDW10708)',
  clientcredentials: 'no credential is configured: Entra answers AADSTS7000218 and Microsoft.Identity.Web IDW10109',
  clientsecret: 'the secret is never sent: Entra answers AADSTS7000218',
  sourcetype: 'SourceType falls back to Certificate (0), which cannot be described in configuration, so the credential is skipped (IDW10109)',
  requestapptoken: 'RequestAppToken stays false: a user token is requested instead of an app token',
  baseurl: 'BaseUrl is unset, so the call has no target',
  signedoutcallbackpath: 'the default path /signout-callback-oidc is used instead',
  callbackpath: 'the default path /signin-oidc is used instead',
};

/** Keys whose loss breaks token acquisition outright (error); others are warnings. */
const CRITICAL = new Set([
  'instance',
  'tenantid',
  'clientid',
  'authority',
  'clientcredentials',
  'clientcertificates',
  'clientsecret',
  'scopes',
  'requestapptoken',
  'acquiretokenoptions',
  'managedidentity',
  'userassignedclientid',
  'baseurl',
  'sourcetype',
  'tenant',
]);

/** Consequences that depend on the kind of section. */
const CONSEQUENCE_IN: Record<string, string> = {
  'identity:scopes':
    "code that reads the web API's accepted scopes from configuration (e.g. [RequiredScope(RequiredScopesConfigurationKey = \"AzureAd:Scopes\")]) gets none, and delegated calls are rejected with 403",
  'downstream-api:scopes': 'no scopes are requested for this API, so no token can be acquired for it',
};

function consequence(key: string, kind?: SectionKind): string {
  const k = key.toLowerCase();
  return (kind && CONSEQUENCE_IN[`${kind}:${k}`]) ?? CONSEQUENCE[k] ?? `${key} keeps its default value`;
}

function sectionsByNode(model: ConfigModel): Map<Node, OwnedSection> {
  return new Map(ownedSections(model).map((s) => [s.node, s]));
}

function parentObject(prop: PropertyRef): Node | undefined {
  return prop.keyNode.parent?.parent;
}

/** Keys with leading/trailing whitespace or invisible characters, anywhere in the file (objects up to 12 levels deep). */
export const keyWhitespaceRule: Rule = {
  ids: ['config/key-whitespace'],
  check(model) {
    const suspects = docIndex(model.doc).suspectKeys;
    if (!suspects.length) return [];
    const owned = sectionsByNode(model);
    const out: RuleFinding[] = [];
    for (const { prop: node, depth } of suspects) {
      if (depth > 12) continue;
      const prop = propertiesOf(model.doc, node.parent).find((p) => p.keyNode === node.children![0]);
      if (!prop) continue;
      const clean = cleanKey(prop.key);
      INVISIBLE.lastIndex = 0;
      const invisible = INVISIBLE.test(prop.key);
      if (clean === prop.key || !clean) continue;
      const parent = parentObject(prop);
      const section = parent ? owned.get(parent) : undefined;
      const known = section && section.kind !== 'legacy-root' ? canonicalKey(section.kind, clean) : undefined;
      const ours = !!known && knownKeys(section!.kind).some((k) => k.toLowerCase() === clean.toLowerCase());
      const what = invisible ? 'contains an invisible character' : /^\s/.test(prop.key) ? 'starts with whitespace' : 'ends with whitespace';
      const target = known ?? clean;
      const where = section ? section.label : label(prop.path.slice(0, -1));
      const effect = known ? ` — ${consequence(clean, section?.kind)}` : '';
      const siblings = parent ? propertiesOf(model.doc, parent).map((p) => p.key.toLowerCase()) : [];
      const clash = siblings.includes(target.toLowerCase());
      out.push({
        ruleId: 'config/key-whitespace',
        severity: ours && CRITICAL.has(clean.toLowerCase()) ? 'error' : 'warning',
        message:
          `Key ${JSON.stringify(prop.key)} in ${where} ${what}. .NET configuration matches keys exactly (apart from case), ` +
          `so this value is not bound to '${target}'${effect}.` +
          (clash ? ` '${target}' is also set next to it; remove one of the two.` : ''),
        offset: prop.keyNode.offset,
        length: prop.keyNode.length,
        fixes: clash ? undefined : [renameKey(prop, target)],
      });
    }
    return out;
  },
};

/** `siblings`: the section's properties, whose keys are compared only for a key that is reported. */
function unknownKeyFinding(section: OwnedSection, prop: PropertyRef, siblings: readonly PropertyRef[]): RuleFinding | undefined {
  const key = prop.key;
  if (isSuspectKey(key) && cleanKey(key) !== key) return undefined; // config/key-whitespace reports it
  const kind: SectionKind = section.kind;
  if (isKnownKey(kind, key)) return undefined;

  const alias = legacyAlias(kind, key);
  if (alias) {
    return {
      ruleId: 'config/unknown-key',
      severity: 'info',
      message:
        `'${key}' in ${section.label} is an old key name: Microsoft.Identity.Web's downstream API options read '${alias}', ` +
        `so this value is only used if your own code reads '${key}'.`,
      offset: prop.keyNode.offset,
      length: prop.keyNode.length,
    };
  }

  const misplaced = section.heuristic ? undefined : misplacedKey(kind, key);
  if (misplaced) {
    return {
      ruleId: 'config/unknown-key',
      severity: 'warning',
      message: `'${key}' is not read in ${section.label}: it belongs in ${misplaced.belongs}. Here it is ignored, so ${consequence(key, misplaced.kind)}.`,
      offset: prop.keyNode.offset,
      length: prop.keyNode.length,
    };
  }

  // Root of a legacy flat file: shared with every other setting, so only near-identical typos of long keys.
  const budget = kind === 'legacy-root' ? (key.length >= 8 ? 1 : 0) : undefined;
  if (budget === 0) return undefined;
  const suggestion = suggestKey(kind, key, budget);
  if (!suggestion) return undefined;
  const meant = suggestion.key;
  const clash = siblings.some((p) => p.key.toLowerCase() === meant.toLowerCase());
  const severity = kind === 'legacy-root' ? 'warning' : CRITICAL.has(meant.toLowerCase()) ? 'error' : 'warning';
  return {
    ruleId: 'config/unknown-key',
    severity: clash ? 'warning' : severity,
    message: clash
      ? `Unknown key '${key}' in ${section.label} (did you mean '${meant}'? it is already set here): this value is ignored; remove it.`
      : `Unknown key '${key}' in ${section.label} — did you mean '${meant}'? .NET configuration ignores unknown keys, ` +
        `so '${meant}' is not set: ${consequence(meant, kind)}.`,
    offset: prop.keyNode.offset,
    length: prop.keyNode.length,
    fixes: clash ? undefined : [renameKey(prop, meant)],
  };
}

/** Keys in sections Microsoft.Identity.Web binds that are misspelled or misplaced versions of known keys. */
export const unknownKeyRule: Rule = {
  ids: ['config/unknown-key'],
  check(model) {
    const out: RuleFinding[] = [];
    for (const section of ownedSections(model)) {
      // Known keys (nearly all) are passed over on the nodes, without PropertyRefs. A known key has no stray
      // whitespace nor an invisible character (every known key is ASCII letters, matched apart from case),
      // so isKnownKey alone tells it apart, without a scan of every key for whitespace.
      const children = section.node.children ?? [];
      let unusual = false;
      for (const c of children) {
        const k = c.children?.[0];
        if (k && c.children![1] && typeof k.value === 'string' && !isKnownKey(section.kind, k.value)) {
          unusual = true;
          break;
        }
      }
      if (!unusual) continue;
      const props = propertiesOf(model.doc, section.node);
      for (const prop of props) {
        const f = unknownKeyFinding(section, prop, props);
        if (f) out.push(f);
      }
    }
    // Sections holding only legacy scope keys (`CalledApi: { CalledApiScopes, CalledApiUrl }`): say which names Id.Web reads.
    let seen: Set<Node> | undefined;
    for (const list of model.scopeLists) {
      if (list.origin !== 'legacy' || list.sectionPath.length === 0) continue;
      seen ??= new Set(ownedSections(model).map((s) => s.node));
      const parent = parentObject(list.prop);
      if (!parent || seen.has(parent)) continue;
      seen.add(parent);
      const section: OwnedSection = { kind: 'downstream-api', node: parent, path: list.sectionPath, label: label(list.sectionPath) };
      for (const prop of propertiesOf(model.doc, parent)) {
        if (!legacyAlias('downstream-api', prop.key)) continue;
        const f = unknownKeyFinding(section, prop, []);
        if (f) out.push(f);
      }
    }
    return out;
  },
};
