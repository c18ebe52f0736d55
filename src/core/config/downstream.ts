// Downstream API sections: DownstreamApis:<name>, DownstreamApi, and any section with Scopes next to
// BaseUrl/RequestAppToken (the daemon sample's `MyWebApi`).
import type { Node } from 'jsonc-parser';
import { LowerKeySet } from '../knowledge/key-set';
import { hasKey, isObject, isValidProperty, propertyMap, propValue, refOf, repeatsKey } from './json';
import type { ConfigDocument, DownstreamApi, IdentitySection, JsonPath, PropertyRef } from './model';

const MAX_DEPTH = 4;

/** A DownstreamApis section: its path, worked out once for all its entries and only when one asks. */
class Section {
  private cached: JsonPath | undefined;
  private reached: boolean | undefined;
  constructor(private readonly prop: PropertyRef) {}
  get path(): JsonPath {
    return (this.cached ??= this.prop.path);
  }

  /**
   * Whether walking each entry's path from the root (first key equal apart from case at every level, as
   * the flow judgement's lookups do) reaches that entry: the walk reaches this section, and no two of its
   * keys are equal apart from case. Worked out once for all entries.
   */
  entriesReachedByPath(): boolean {
    if (this.reached === undefined) {
      const { doc, valueNode } = this.prop;
      let node = doc.root;
      for (const seg of this.path) node = isObject(node) ? propValue(doc, node, String(seg)) : undefined;
      this.reached = node === valueNode && !repeatsKey(doc, valueNode);
    }
    return this.reached;
  }
}

/**
 * A downstream API section. Its key map is built when someone asks for it: the linter looks its few
 * keys up in order (getProp), and a large file has thousands of sections. An entry of DownstreamApis
 * works its path out from its section when asked.
 */
class Api implements DownstreamApi {
  scopes?: DownstreamApi['scopes'];
  private map: Map<string, PropertyRef> | undefined;
  /** The path, or the DownstreamApis section this entry is in (its path is the section's plus the name). */
  private where: JsonPath | Section;
  /** The DownstreamApis section, once `where` holds the path. */
  private section: Section | undefined;

  constructor(
    readonly doc: ConfigDocument,
    readonly name: string,
    readonly node: Node,
    where: JsonPath | Section,
  ) {
    this.where = where;
  }

  get path(): JsonPath {
    const w = this.where;
    if (!(w instanceof Section)) return w;
    // Exactly sized (a spread keeps spare room, and the path lives as long as the model).
    const base = w.path;
    const path: JsonPath = new Array<string | number>(base.length + 1);
    for (let i = 0; i < base.length; i++) path[i] = base[i]!;
    path[base.length] = this.name;
    this.section = w;
    this.where = path;
    return path;
  }

  /** An entry of a DownstreamApis section (whose path holds that section's key), known without building the path. */
  get inDownstreamApis(): boolean {
    return this.where instanceof Section || this.section !== undefined || this.path.some((s) => typeof s === 'string' && s.trim().toLowerCase() === 'downstreamapis');
  }

  /** True when walking this entry's path from the root of its document reaches its node (see Section). */
  reachedByPath(): boolean {
    const w = this.where;
    return w instanceof Section ? w.entriesReachedByPath() : this.section?.entriesReachedByPath() ?? false;
  }

  get props(): Map<string, PropertyRef> {
    return (this.map ??= propertyMap(this.doc, this.node));
  }
}

const DOWNSTREAM_APIS = new LowerKeySet(['downstreamapis']);
const DOWNSTREAM_API = new LowerKeySet(['downstreamapi']);

export function findDownstreamApis(doc: ConfigDocument, identities: IdentitySection[]): DownstreamApi[] {
  const out: DownstreamApi[] = [];
  if (!isObject(doc.root)) return out;
  const identityNodes = new Set(identities.map((i) => i.node));
  // Walked on the nodes: paths are worked out (through a PropertyRef) only for what is added.
  const visit = (node: Node, depth: number): void => {
    for (const p of node.children ?? []) {
      if (!isValidProperty(p)) continue;
      const node2 = p.children![1]!;
      if (!isObject(node2) || identityNodes.has(node2)) continue;
      const key = p.children![0]!.value as string;
      if (DOWNSTREAM_APIS.hasTrimmed(key)) {
        // Each entry's path is this section's path and its name: no walk up the tree per entry, and
        // worked out only when asked (a large file has thousands of entries). Walked on its nodes:
        // no PropertyRef per entry.
        const section = new Section(refOf(doc, p));
        for (const c of node2.children ?? []) {
          if (!isValidProperty(c)) continue;
          const value = c.children![1]!;
          if (isObject(value)) out.push(new Api(doc, c.children![0]!.value as string, value, section));
        }
        continue;
      }
      if (DOWNSTREAM_API.hasTrimmed(key) || (hasKey(node2, 'scopes') && (hasKey(node2, 'baseurl') || hasKey(node2, 'requestapptoken')))) {
        out.push(new Api(doc, key, node2, refOf(doc, p).path));
        continue;
      }
      if (depth < MAX_DEPTH) visit(node2, depth + 1);
    }
  };
  visit(doc.root, 1);
  return out;
}
