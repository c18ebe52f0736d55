// One walk over a document's whole tree for the rules that would otherwise each walk it again
// (config/placeholder, config/key-whitespace, json/duplicate-key). It keeps only what is rare —
// values that may hold a placeholder, keys with stray whitespace, objects with a repeated key — so a
// large, clean file costs one pass and almost no memory. Computed once per document and shared by
// every model built on it.
import type { Node } from 'jsonc-parser';
import type { ConfigDocument } from '../config/model';
import { isAscii, isValidProperty, repeatsKey, sameKey } from '../config/json';
import { LowerKeySet } from '../knowledge/key-set';
import { hasPlaceholder, mayHoldPlaceholder } from '../knowledge/placeholders';
import { Memo } from '../memo';

export interface StringCandidate {
  node: Node;
  /** Key of the nearest property above the value (array elements take their array's key); '' at the root. */
  key: string;
}

export interface SuspectKey {
  /** The property node (children: key, value). */
  prop: Node;
  /** Depth of the object holding it: the root is 0, each object or array level adds 1. */
  depth: number;
}

export interface DocIndex {
  /** String values that may hold a placeholder, or sit under a key whose value is a secret (document order). */
  stringCandidates: StringCandidate[];
  /** Properties whose key starts or ends with whitespace or holds an invisible character. */
  suspectKeys: SuspectKey[];
  /** Objects with two keys equal apart from case, or a property without key or value (pre-order). */
  duplicateObjects: Node[];
  /** The nodes of stringCandidates, once asked for. */
  candidateNodes?: Set<Node>;
}

/** Keys whose value is a secret (config/placeholder reads prose there as an instruction). */
const SECRET_KEYS = new LowerKeySet(['clientsecret', 'certificatepassword', 'base64encodedvalue', 'secret', 'password']);

/** `key.trim().toLowerCase()` is one of the secret keys — without building either string. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.hasTrimmed(key);
}

/** What /^\s|\s$|[\u00a0\u200b-\u200f\u2028\u2029\u202f\u2060\ufeff]/ says, without running it on the usual ASCII key. */
const SUSPECT = /^\s|\s$|[\u00a0\u200b-\u200f\u2028\u2029\u202f\u2060\ufeff]/;
/** `ascii`: whether the key is ASCII, when known (the walk scans each key once for two questions). */
export function isSuspectKey(key: string, ascii = isAscii(key)): boolean {
  const n = key.length;
  if (n === 0) return false;
  if (!ascii) return SUSPECT.test(key);
  const first = key.charCodeAt(0);
  const last = key.charCodeAt(n - 1);
  return first === 0x20 || (first >= 0x09 && first <= 0x0d) || last === 0x20 || (last >= 0x09 && last <= 0x0d);
}


function keyOf(p: Node): string {
  return p.children![0]!.value as string;
}

/** Scratch space of the walk: the valid keys of one small object and whether each is ASCII. */
const keys: string[] = [];
const ascii: boolean[] = [];
const SMALL = 16;

/** Two of the first `n` scratch keys equal apart from case: pairwise, no allocation. */
function scratchRepeats(n: number): boolean {
  for (let i = 1; i < n; i++) {
    const a = keys[i]!;
    for (let j = 0; j < i; j++) {
      const b = keys[j]!;
      // Keys of different lengths, one of them ASCII, differ in lower case too (see sameKey): decided at once.
      if (a.length !== b.length && (ascii[i] || ascii[j])) continue;
      if (sameKey(a, b)) return true;
    }
  }
  return false;
}

function build(doc: ConfigDocument, root: Node | undefined): DocIndex {
  const index: DocIndex = { stringCandidates: [], suspectKeys: [], duplicateObjects: [] };
  if (root) {
    try {
      walk(doc, index, root);
    } finally {
      // The stack must not keep this document's nodes (or text) alive.
      stackNodes.length = 0;
      stackKeys.length = 0;
      stackDepths.length = 0;
    }
  }
  return index;
}

// The walk's stack of values still to visit (pushed in reverse, so they come off in document order).
const stackNodes: Node[] = [];
const stackKeys: string[] = [];
const stackDepths: number[] = [];

/**
 * Pre-order over the tree: each object's keys, then the object itself (duplicates), then its values in
 * order. A loop over an explicit stack rather than recursion: V8 compiles the long loop over a large
 * object's members on the stack (OSR), and recursive calls for the small objects inside it kept entering
 * that code and deoptimizing — thousands of times in a first lint of an 8 MB file.
 */
function walk(doc: ConfigDocument, index: DocIndex, root: Node): void {
  let top = 0;
  stackNodes[top] = root;
  stackKeys[top] = '';
  stackDepths[top++] = 0;
  while (top > 0) {
    top--;
    const n = stackNodes[top]!;
    const key = stackKeys[top]!;
    const depth = stackDepths[top]!;
    if (n.type === 'string') {
      if (typeof n.value === 'string' && (mayHoldPlaceholder(n.value) || isSecretKey(key))) index.stringCandidates.push({ node: n, key });
    } else if (n.type === 'object') {
      const children = n.children;
      if (!children) continue;
      const count = children.length;
      let validCount = 0;
      // One pass over the keys for both questions: suspect keys, and (small objects) the scratch keys
      // compared pairwise for a repeat.
      for (let i = 0; i < count; i++) {
        const p = children[i]!;
        if (!isValidProperty(p)) continue;
        const k = keyOf(p);
        const a = isAscii(k);
        if (isSuspectKey(k, a)) index.suspectKeys.push({ prop: p, depth });
        if (validCount < SMALL) {
          keys[validCount] = k;
          ascii[validCount] = a;
        }
        validCount++;
      }
      const duplicate = validCount < count || (validCount >= 2 && (validCount <= SMALL ? scratchRepeats(validCount) : repeatsKey(doc, n)));
      // Keys may be slices of the document's text: the scratch space must not keep it alive (a loop: a
      // call to fill per object costs more for the usual few keys).
      for (let i = validCount < SMALL ? validCount : SMALL; i-- > 0; ) keys[i] = '';
      if (duplicate) index.duplicateObjects.push(n);
      for (let i = count - 1; i >= 0; i--) {
        const p = children[i]!;
        if (!isValidProperty(p)) continue;
        const value = p.children![1]!;
        // Numbers, booleans and null hold nothing to index: not pushed.
        const type = value.type;
        if (type !== 'string' && type !== 'object' && type !== 'array') continue;
        stackNodes[top] = value;
        stackKeys[top] = keyOf(p);
        stackDepths[top++] = depth + 1;
      }
    } else if (n.type === 'array' && n.children) {
      const children = n.children;
      for (let i = children.length - 1; i >= 0; i--) {
        stackNodes[top] = children[i]!;
        stackKeys[top] = key;
        stackDepths[top++] = depth + 1;
      }
    }
  }
}

const indexes = new Memo<ConfigDocument, DocIndex>();

export function docIndex(doc: ConfigDocument): DocIndex {
  let index = indexes.get(doc);
  if (!index) {
    index = build(doc, doc.root);
    indexes.set(doc, index);
  }
  return index;
}

/**
 * hasPlaceholder(value), for the value of a string node of `doc` or a part of it. A whole value the document
 * index did not keep holds none (mayHoldPlaceholder said so once already for every string of the document).
 */
export function hasPlaceholderAt(doc: ConfigDocument, node: Node, value: string): boolean {
  const index = docIndex(doc);
  return (node.value !== value || (index.candidateNodes ??= new Set(index.stringCandidates.map((c) => c.node))).has(node)) && hasPlaceholder(value);
}
