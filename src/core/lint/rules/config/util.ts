// Shared helpers of the config/* rules: which objects are "ours" (and of what kind), walking
// values, building findings and fixes. Findings use offsets into model.doc.text.
import { getNodePath, type Node } from 'jsonc-parser';
import type { RelatedLocation, Severity } from '../../../findings';
import type { ConfigDocument, ConfigModel, DownstreamApi, IdentitySection, JsonPath, PropertyRef } from '../../../config/model';
import { propertiesOf, propValue } from '../../../config/json';
import { Memo } from '../../../memo';
import { suggestKey, type SectionKind } from '../../../knowledge/known-keys';
import type { RuleFinding, RuleFix } from '../../rule';

export interface OwnedSection {
  kind: SectionKind;
  node: Node;
  path: JsonPath;
  /** `AzureAd`, `DownstreamApis:MyApi`, `AzureAd:ClientCredentials:0` … for messages. */
  label: string;
  identity?: IdentitySection;
  /** Found by shape only (Scopes next to BaseUrl, no DownstreamApi(s) name, no RequestAppToken): may be someone else's section. */
  heuristic?: boolean;
}

export function label(path: JsonPath): string {
  return path.map(String).join(':') || '(root)';
}

const ACQUIRE = 'acquiretokenoptions';

/** True when a key (as written) means AcquireTokenOptions, misspelled or with stray whitespace. */
function meansAcquireTokenOptions(key: string): boolean {
  const k = key.trim().toLowerCase();
  return k === ACQUIRE || suggestKey('downstream-api', key.trim())?.key === 'AcquireTokenOptions';
}

/**
 * The sections Microsoft.Identity.Web binds, with their kind: identity sections, credential
 * entries, downstream API sections and their AcquireTokenOptions / ManagedIdentity blocks.
 * The root of a legacy flat file is 'legacy-root'. Other sections belong to other code.
 */
const ownedCache = new Memo<ConfigModel, OwnedSection[]>();

export function ownedSections(model: ConfigModel): OwnedSection[] {
  // Several rules ask for these; work them out once per model.
  let cached = ownedCache.get(model);
  if (!cached) {
    cached = computeOwnedSections(model);
    ownedCache.set(model, cached);
  }
  return cached;
}

function computeOwnedSections(model: ConfigModel): OwnedSection[] {
  const doc = model.doc;
  const out: OwnedSection[] = [];
  const seen = new Set<Node>();
  const add = (s: OwnedSection): void => {
    if (seen.has(s.node)) return;
    seen.add(s.node);
    out.push(s);
  };
  for (const identity of model.identities) {
    add({
      kind: identity.kind === 'legacy-flat' ? 'legacy-root' : 'identity',
      node: identity.node,
      path: identity.path,
      label: identity.name || '(root)',
      identity,
      // Found only by its ClientId/TenantId shape: may be a custom section read by the app's own code.
      heuristic: isHeuristicIdentity(identity),
    });
  }
  for (const cred of model.credentials) {
    if (cred.node && cred.container !== 'Certificate') add({ kind: 'credential', node: cred.node, path: cred.path, label: label(cred.path), identity: cred.identity });
  }
  for (const api of model.downstreamApis) {
    // The model finds no API section inside another one nor twice, and never one that is an identity:
    // `seen` keeps only the few other sections (a large file has thousands of APIs).
    if (!seen.has(api.node)) out.push(new ApiSection(api));
    // Only object values can be AcquireTokenOptions: the section's PropertyRefs are made only when it has one.
    if (!hasObjectValue(api.node)) continue;
    for (const p of propertiesOf(doc, api.node)) {
      if (p.valueNode.type !== 'object' || !meansAcquireTokenOptions(p.key)) continue;
      add({ kind: 'acquire-token-options', node: p.valueNode, path: p.path, label: label(p.path) });
      for (const q of propertiesOf(doc, p.valueNode)) {
        if (q.valueNode.type === 'object' && q.key.trim().toLowerCase() === 'managedidentity') {
          add({ kind: 'managed-identity', node: q.valueNode, path: q.path, label: label(q.path) });
        }
      }
    }
  }
  return out;
}

function hasObjectValue(obj: Node): boolean {
  for (const c of obj.children ?? []) if (c.children?.[1]?.type === 'object') return true;
  return false;
}

/**
 * A downstream API section. Its path, label and heuristic are worked out when asked — for a key that is
 * reported, mostly — not for each of a large file's thousands of entries; only the API is kept (these live
 * as long as the model), and the rest is read from it.
 */
class ApiSection implements OwnedSection {
  constructor(private readonly api: DownstreamApi) {}

  get kind(): 'downstream-api' {
    return 'downstream-api';
  }

  get node(): Node {
    return this.api.node;
  }

  get path(): JsonPath {
    return this.api.path;
  }

  get label(): string {
    return label(this.path);
  }

  /** Neither under a DownstreamApi(s) key nor with RequestAppToken: found by its Scopes and BaseUrl alone. */
  get heuristic(): boolean {
    for (const seg of this.path) if (typeof seg === 'string' && seg.length >= 13 && /^\s*downstreamapis?\s*$/i.test(seg)) return false;
    return !propValue(this.api.doc, this.node, 'requestapptoken');
  }
}

/** An identity found only by its ClientId/TenantId shape (not AzureAd, AzureAdB2C … nor the legacy root). */
export function isHeuristicIdentity(identity: IdentitySection): boolean {
  return identity.kind !== 'legacy-flat' && !/^(azuread|entra|microsoftentra|azureactivedirectory)/i.test(identity.name.trim());
}

/**
 * Every property of every object below `node` (node included), depth-first, bounded. Paths are not
 * built on the way down: a PropertyRef works its own out when asked (most never are).
 */
export function walkProperties(doc: ConfigDocument, node: Node | undefined, visit: (p: PropertyRef) => void, maxDepth = 12): void {
  const go = (n: Node, depth: number): void => {
    if (n.type === 'object') {
      const props = propertiesOf(doc, n);
      for (const p of props) visit(p);
      if (depth < maxDepth) for (const p of props) go(p.valueNode, depth + 1);
    } else if (n.type === 'array' && depth < maxDepth && n.children) {
      for (const c of n.children) go(c, depth + 1);
    }
  };
  if (node) go(node, 0);
}

/** The path of `n`, a node below `root` whose path is `rootPath`. */
export function pathBelow(rootPath: JsonPath, root: Node, n: Node): JsonPath {
  return [...rootPath, ...getNodePath(n).slice(getNodePath(root).length)];
}

/** A related location in any family document. */
export function related(doc: ConfigDocument, offset: number, length: number, message: string): RelatedLocation {
  return { file: doc.path, range: doc.lines.range(offset, length), message };
}

export function finding(ruleId: string, severity: Severity, message: string, node: Node, extra: Partial<RuleFinding> = {}): RuleFinding {
  return { ruleId, severity, message, offset: node.offset, length: node.length, ...extra };
}

/** Replaces the whole JSON token of a node (key or value) with `json` (already JSON text). */
export function replaceNode(title: string, node: Node, json: string, isPreferred = true): RuleFix {
  return { title, edits: [{ offset: node.offset, length: node.length, content: json }], isPreferred };
}

/** Renames a property key in place: comments and formatting around it stay untouched. */
export function renameKey(prop: PropertyRef, newKey: string, isPreferred = true): RuleFix {
  return replaceNode(`Rename "${prop.key}" to "${newKey}"`, prop.keyNode, JSON.stringify(newKey), isPreferred);
}

/** A short quote of a value for messages (never use for secrets). */
export function quote(value: string, max = 60): string {
  const v = value.length > max ? `${value.slice(0, max - 1)}…` : value;
  return `"${v}"`;
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const META_TENANTS = ['common', 'organizations', 'consumers'] as const;

/** Severity of an app-only-specific problem from the flow certainty. */
export function flowSeverity(appOnly: string): Severity | undefined {
  return appOnly === 'certain' ? 'error' : appOnly === 'inferred' ? 'warning' : undefined;
}

/** The property of an identity by one of several names (first found), e.g. TenantId / Tenant. */
export function identityProp(identity: IdentitySection, ...names: string[]): PropertyRef | undefined {
  for (const n of names) {
    const p = identity.props.get(n.toLowerCase());
    if (p) return p;
  }
  return undefined;
}
