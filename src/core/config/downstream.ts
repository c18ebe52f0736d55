// Downstream API sections: DownstreamApis:<name>, DownstreamApi, and any section with Scopes next to
// BaseUrl/RequestAppToken (the daemon sample's `MyWebApi`).
import type { Node } from 'jsonc-parser';
import { hasKey, isObject, isValidProperty, propertiesOf, propertyMap } from './json';
import type { ConfigDocument, DownstreamApi, IdentitySection, JsonPath, PropertyRef } from './model';

const MAX_DEPTH = 4;

/**
 * A downstream API section. Its key map is built when someone asks for it: the linter looks its few
 * keys up in order (getProp), and a large file has thousands of sections.
 */
class Api implements DownstreamApi {
  scopes?: DownstreamApi['scopes'];
  private map: Map<string, PropertyRef> | undefined;

  constructor(
    readonly doc: ConfigDocument,
    readonly name: string,
    readonly path: JsonPath,
    readonly node: Node,
  ) {}

  get props(): Map<string, PropertyRef> {
    return (this.map ??= propertyMap(this.doc, this.node, this.path));
  }
}

export function findDownstreamApis(doc: ConfigDocument, identities: IdentitySection[]): DownstreamApi[] {
  const out: DownstreamApi[] = [];
  if (!isObject(doc.root)) return out;
  const identityNodes = new Set(identities.map((i) => i.node));
  const add = (name: string, node: Node, path: JsonPath): void => {
    out.push(new Api(doc, name, path, node));
  };
  // Paths are not passed down: a PropertyRef works its own out, only for what is added.
  const visit = (node: Node, depth: number): void => {
    for (const p of propertiesOf(doc, node)) {
      if (!isObject(p.valueNode) || identityNodes.has(p.valueNode)) continue;
      const lower = p.key.trim().toLowerCase();
      if (lower === 'downstreamapis') {
        // Each entry's path is this section's path and its name: no walk up the tree per entry.
        // Walked on its nodes: no PropertyRef per entry.
        let base: JsonPath | undefined;
        for (const c of p.valueNode.children ?? []) {
          if (!isValidProperty(c)) continue;
          const key = c.children![0]!.value as string;
          const value = c.children![1]!;
          if (isObject(value)) add(key, value, [...(base ??= p.path), key]);
        }
        continue;
      }
      const node = p.valueNode;
      if (lower === 'downstreamapi' || (hasKey(node, 'scopes') && (hasKey(node, 'baseurl') || hasKey(node, 'requestapptoken')))) {
        add(p.key, p.valueNode, p.path);
        continue;
      }
      if (depth < MAX_DEPTH) visit(p.valueNode, depth + 1);
    }
  };
  visit(doc.root, 1);
  return out;
}
