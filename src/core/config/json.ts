// Small helpers over jsonc-parser nodes. .NET configuration keys are case-insensitive, so are lookups.
import type { Node } from 'jsonc-parser';
import type { ConfigDocument, JsonPath, PropertyRef } from './model';
import { Memo } from '../memo';

/**
 * Per-document caches keyed by node. Strong maps owned by the document, not WeakMaps keyed by every
 * node: V8 handles each WeakMap entry as an ephemeron in every GC, which made garbage collection a third
 * of the keystroke path.
 */
interface NodeCaches {
  lists: Map<Node, PropertyRef[]>;
  maps: Map<Node, Map<string, PropertyRef>>;
  /** Large objects only: property node by lower-cased key (first wins), without a PropertyRef per property. */
  keys: Map<Node, Map<string, Node>>;
  /** Whether an object repeats a key apart from case, for objects whose keyIndex was not needed. */
  repeats: Map<Node, boolean>;
}
const caches = new Memo<ConfigDocument, NodeCaches>();
function cachesOf(doc: ConfigDocument): NodeCaches {
  let c = caches.get(doc);
  if (!c) {
    c = { lists: new Map(), maps: new Map(), keys: new Map(), repeats: new Map() };
    caches.set(doc, c);
  }
  return c;
}

/** A property node every walker follows: a string key and a value. */
export function isValidProperty(p: Node): boolean {
  const c = p.children;
  return !!c && !!c[0] && !!c[1] && typeof c[0].value === 'string';
}

/**
 * A PropertyRef of one (valid) property node of its own, not looked up in its object's memoised list: a
 * large file has thousands of small objects of which only a key or two is ever looked up, and nothing
 * compares PropertyRefs by identity.
 */
export function refOf(doc: ConfigDocument, prop: Node): PropertyRef {
  return new LazyProperty(doc, prop.children![0]!, prop.children![1]!);
}

/** Property nodes of a large object by lower-cased key, the first occurrence winning (memoised per object). */
export function keyIndex(doc: ConfigDocument, obj: Node): Map<string, Node> {
  const keys = cachesOf(doc).keys;
  let index = keys.get(obj);
  if (!index) {
    index = new Map();
    for (const p of obj.children ?? []) {
      if (!isValidProperty(p)) continue;
      const k = (p.children![0]!.value as string).toLowerCase();
      if (!index.has(k)) index.set(k, p);
    }
    keys.set(obj, index);
  }
  return index;
}

/**
 * Whether two valid properties of `obj` have keys equal apart from case (memoised per object: the model
 * and the document index both ask), through a set that is dropped at once: a large object's keyIndex
 * would be kept as long as the document.
 */
export function repeatsKey(doc: ConfigDocument, obj: Node): boolean {
  const repeatsOf = cachesOf(doc).repeats;
  let repeats = repeatsOf.get(obj);
  if (repeats === undefined) {
    const seen = new Set<string>();
    let valid = 0;
    for (const p of obj.children ?? []) {
      if (!isValidProperty(p)) continue;
      valid++;
      seen.add((p.children![0]!.value as string).toLowerCase());
    }
    repeats = seen.size < valid;
    repeatsOf.set(obj, repeats);
  }
  return repeats;
}

/**
 * A property whose JSON path is worked out only when asked for: most are never asked, and paths cost
 * allocations. Its key and object are read from the key node (a model keeps thousands of these: two
 * fields fewer each).
 */
class LazyProperty implements PropertyRef {
  private cachedPath: JsonPath | undefined;

  constructor(
    readonly doc: ConfigDocument,
    readonly keyNode: Node,
    readonly valueNode: Node,
  ) {}

  get key(): string {
    return this.keyNode.value as string;
  }

  get path(): JsonPath {
    // Always from the tree itself, so a memoised property can never carry a caller's wrong path.
    this.cachedPath ??= pathWith(this.keyNode.parent!.parent!, this.key);
    return this.cachedPath;
  }
}

/**
 * `[...getNodePath(node), last]` in one array of exactly that size (getNodePath grows arrays by push,
 * which keeps room for 16 or more: a path is kept as long as the model).
 */
export function pathWith(node: Node, last: string | number): JsonPath {
  // The same steps as getNodePath: up while the parent has children; a property adds its key, an
  // array the node's index (when found).
  let depth = 0;
  for (let n = node; n.parent && n.parent.children; n = n.parent) {
    const parent = n.parent;
    if (parent.type === 'property' || (parent.type === 'array' && parent.children!.indexOf(n) !== -1)) depth++;
  }
  const out: JsonPath = new Array<string | number>(depth + 1);
  out[depth] = last;
  let i = depth;
  for (let n = node; n.parent && n.parent.children; n = n.parent) {
    const parent = n.parent;
    if (parent.type === 'property') out[--i] = parent.children![0]!.value as string;
    else if (parent.type === 'array') {
      const index = parent.children!.indexOf(n);
      if (index !== -1) out[--i] = index;
    }
  }
  return out;
}

/** Does an object have a key (case-insensitive) — without building its property map. */
export function hasKey(obj: Node | undefined, lowerName: string): boolean {
  if (!obj || obj.type !== 'object' || !obj.children) return false;
  for (const p of obj.children) {
    const k = p.children?.[0]?.value;
    if (typeof k === 'string' && k.length === lowerName.length && k.toLowerCase() === lowerName) return true;
  }
  return false;
}

/** Every property of an object node, keys exactly as written (memoised per node: rules walk the same objects). */
export function propertiesOf(doc: ConfigDocument, obj: Node | undefined): PropertyRef[] {
  if (!obj || obj.type !== 'object' || !obj.children) return [];
  const lists = cachesOf(doc).lists;
  const cached = lists.get(obj);
  if (cached) return cached;
  const out: PropertyRef[] = [];
  for (const p of obj.children) {
    const keyNode = p.children?.[0];
    const valueNode = p.children?.[1];
    if (!keyNode || !valueNode || typeof keyNode.value !== 'string') continue;
    out.push(new LazyProperty(doc, keyNode, valueNode));
  }
  lists.set(obj, out);
  return out;
}

/** Maps are memoised per object node: rules look keys up many times, and a lookup must not cost a scan. */
/** Properties by lower-cased key; the first occurrence wins for lookups (duplicates are their own finding). */
export function propertyMap(doc: ConfigDocument, obj: Node | undefined): Map<string, PropertyRef> {
  if (!obj || obj.type !== 'object') return new Map();
  const maps = cachesOf(doc).maps;
  const cached = maps.get(obj);
  if (cached) return cached;
  const map = new Map<string, PropertyRef>();
  for (const p of propertiesOf(doc, obj)) {
    const k = p.key.toLowerCase();
    if (!map.has(k)) map.set(k, p);
  }
  maps.set(obj, map);
  return map;
}

/** Objects up to this many properties are searched in order instead of through a key map. */
const SCAN_LIMIT = 12;

/** Case-insensitive lookup with the key's whitespace kept: `"ClientId "` is not `ClientId`, as in .NET. */
export function getProp(doc: ConfigDocument, obj: Node | undefined, name: string): PropertyRef | undefined {
  if (!obj || obj.type !== 'object') return undefined;
  const map = obj.children && obj.children.length > SCAN_LIMIT ? cachesOf(doc).maps.get(obj) : undefined;
  if (map) return map.get(name.toLowerCase());
  const p = findProperty(doc, obj, name);
  return p ? refOf(doc, p) : undefined;
}

/** The value of getProp, without a PropertyRef (walking down a path). */
export function propValue(doc: ConfigDocument, obj: Node | undefined, name: string): Node | undefined {
  if (!obj || obj.type !== 'object') return undefined;
  return findProperty(doc, obj, name)?.children![1];
}

/**
 * The property node getProp answers with: the first whose key equals `name` apart from case (what a
 * key map where the first occurrence wins answers). A small object is searched in order — no map, no
 * lower-cased name; a large one through its key index.
 */
function findProperty(doc: ConfigDocument, obj: Node, name: string): Node | undefined {
  const children = obj.children;
  if (!children) return undefined;
  if (children.length > SCAN_LIMIT) return keyIndex(doc, obj).get(name.toLowerCase());
  const asciiName = isAscii(name);
  for (const p of children) {
    const k = p.children?.[0];
    if (!k || !p.children![1] || typeof k.value !== 'string') continue;
    const key = k.value;
    // Against an ASCII name a key of another length never matches (see sameKey).
    if (key.length !== name.length && asciiName) continue;
    if (sameKey(key, name)) return p;
  }
  return undefined;
}

export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** `a.toLowerCase() === b.toLowerCase()`, allocating only for non-ASCII keys (whose lower case may differ in length). */
export function sameKey(a: string, b: string): boolean {
  if (a === b) return true;
  // Lower-casing keeps the length except for U+0130 (İ → i + U+0307), whose result is never equal to an
  // ASCII string: when either key is ASCII, different lengths mean different keys.
  if (a.length !== b.length) return isAscii(a) || isAscii(b) ? false : a.toLowerCase() === b.toLowerCase();
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0x80 || y >= 0x80) return a.toLowerCase() === b.toLowerCase();
    const lx = x | 0x20;
    if (lx !== (y | 0x20) || lx < 0x61 || lx > 0x7a) return false;
  }
  return true;
}

export function stringValue(node: Node | undefined): string | undefined {
  return node && node.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

/** A boolean as .NET's binder reads it: true/false literals or the strings "true"/"false". */
export function booleanValue(node: Node | undefined): boolean | undefined {
  if (!node) return undefined;
  if (node.type === 'boolean') return node.value === true;
  if (node.type === 'string' && typeof node.value === 'string') {
    const v = node.value.trim().toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
  }
  return undefined;
}

/** Offset of the first character inside a string literal's quotes. */
export function stringContentOffset(node: Node): number {
  return node.offset + 1;
}

/**
 * Offset in the document of the character at `index` of a string node's decoded value.
 * Exact when the literal has no escapes before `index` (the common case); with escapes it walks the raw text.
 */
export function offsetInString(doc: ConfigDocument, node: Node, index: number): number {
  const start = node.offset + 1;
  const raw = doc.text.slice(start, node.offset + node.length - 1);
  if (!raw.includes('\\')) return start + index;
  let decoded = 0;
  let i = 0;
  while (i < raw.length && decoded < index) {
    if (raw[i] === '\\') i += raw[i + 1] === 'u' ? 6 : 2;
    else i++;
    decoded++;
  }
  return start + i;
}

export function isObject(node: Node | undefined): node is Node & { type: 'object' } {
  return !!node && node.type === 'object';
}
