// The sections a lens or command acts on: identity sections (AzureAd…) and downstream API sections, found in
// the text of an appsettings file. Used by the lenses (dist/editor.js) and the commands (dist/tools.js).
import { parseTree, type Node } from 'jsonc-parser';

/** Arguments every lens command receives. */
export interface SectionRef {
  uri: string;
  /** JSON path of the section, e.g. ["DownstreamApis", "MicrosoftGraph"] or ["AzureAd"]. */
  path: string[];
  kind: 'identity' | 'downstream';
}

export interface SectionSpan {
  ref: SectionRef;
  /** Offset of the section's key: the lens goes on that line. */
  keyOffset: number;
}

function keysOf(obj: Node): Map<string, Node> {
  const m = new Map<string, Node>();
  for (const p of obj.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k && v) m.set(String(k.value).trim().toLowerCase(), v);
  }
  return m;
}

const isObject = (n: Node | undefined): n is Node => n?.type === 'object';

/** Identity sections (ClientId with Instance/TenantId/Authority) and downstream API sections (Scopes + BaseUrl or under DownstreamApis). */
export function findSections(text: string, uri: string): SectionSpan[] {
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (!isObject(root)) return [];
  const out: SectionSpan[] = [];
  for (const prop of root.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !isObject(v)) continue;
    const name = String(k.value);
    const keys = keysOf(v);
    if (keys.has('clientid') && (keys.has('instance') || keys.has('tenantid') || keys.has('authority'))) {
      out.push({ ref: { uri, path: [name], kind: 'identity' }, keyOffset: k.offset });
    } else if (name.trim().toLowerCase() === 'downstreamapis') {
      for (const api of v.children ?? []) {
        const [ak, av] = api.children ?? [];
        if (ak && isObject(av)) out.push({ ref: { uri, path: [name, String(ak.value)], kind: 'downstream' }, keyOffset: ak.offset });
      }
    } else if (keys.has('scopes') && (keys.has('baseurl') || name.trim().toLowerCase() === 'downstreamapi')) {
      out.push({ ref: { uri, path: [name], kind: 'downstream' }, keyOffset: k.offset });
    }
  }
  return out;
}
