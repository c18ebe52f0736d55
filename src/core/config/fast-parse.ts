// A JSONC parser for the files the linter nearly always sees: valid ones. It builds the same tree as
// jsonc-parser's `parseTree(text, errors, { allowTrailingComma: true, disallowComments: false,
// allowEmptyContent: true })` — same nodes, fields, values, offsets and lengths — in one pass with no
// tokens, callbacks or line tracking, and gives up (undefined) at the first thing it does not handle
// exactly: any syntax error, an invalid escape, a control character in a string, nesting past `maxDepth`.
// The caller then runs jsonc-parser itself, which reports the errors and builds the partial tree.
import type { Node } from 'jsonc-parser';

type MutableNode = { -readonly [K in keyof Node]: Node[K] };

/** A parse that succeeded; `root` is undefined when the text holds only whitespace and comments. */
export interface FastTree {
  root: Node | undefined;
}

const QUOTE = 0x22, BACKSLASH = 0x5c, SLASH = 0x2f, STAR = 0x2a, COMMA = 0x2c, COLON = 0x3a;
const OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d, OPEN_BRACKET = 0x5b, CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d, DOT = 0x2e, ZERO = 0x30, NINE = 0x39;

/**
 * Index of the next character that is not whitespace or a comment, `text.length` at the end, -1 for an
 * unterminated block comment or a lone `/`. Whitespace is what jsonc-parser's scanner accepts: space,
 * tab, \n, \r — nothing else (a form feed or a no-break space is an error there).
 */
function skipTrivia(text: string, i: number): number {
  const n = text.length;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    if (c !== SLASH) return i;
    const d = text.charCodeAt(i + 1);
    if (d === SLASH) {
      // A line comment ends before \n or a lone \r, as the scanner reads it.
      for (i += 2; i < n; i++) {
        const e = text.charCodeAt(i);
        if (e === 0x0a || e === 0x0d) break;
      }
    } else if (d === STAR) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return -1;
      i = end + 1;
    } else return -1;
  }
  return n;
}

/** Set by `readString`: the index after the closing quote. */
let stringEnd = 0;

/**
 * The value of the string literal whose opening quote is at `pos`, or undefined to give up. Strings
 * without escapes (nearly all) take one scan and a substring; escapes go through `decodeString`.
 * (Interning repeated keys and values was tried: it saves memory at 8 MB but costs 10–25% below 1 MB.)
 */
function readString(text: string, pos: number): string | undefined {
  const n = text.length;
  const start = pos + 1;
  for (let i = start; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      stringEnd = i + 1;
      return text.substring(start, i);
    }
    if (c === BACKSLASH) {
      const v = decodeString(text, start);
      stringEnd = decodedEnd;
      return v;
    }
    if (c < 0x20) return undefined;
  }
  return undefined;
}

/** Set by `decodeString`: the index after the closing quote. */
let decodedEnd = 0;

/**
 * The value of a string literal with escapes, decoded as the scanner does (`\uXXXX` to one UTF-16 unit,
 * lone surrogates included); undefined for an invalid escape, a control character or no closing quote.
 * `start` is the index after the opening quote.
 */
function decodeString(text: string, start: number): string | undefined {
  const n = text.length;
  let out = '';
  let from = start;
  for (let i = start; i < n; ) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      decodedEnd = i + 1;
      return out + text.substring(from, i);
    }
    if (c < 0x20) return undefined;
    if (c !== BACKSLASH) {
      i++;
      continue;
    }
    out += text.substring(from, i);
    const e = text.charCodeAt(i + 1);
    switch (e) {
      case QUOTE: out += '"'; break;
      case BACKSLASH: out += '\\'; break;
      case SLASH: out += '/'; break;
      case 0x62: out += '\b'; break;
      case 0x66: out += '\f'; break;
      case 0x6e: out += '\n'; break;
      case 0x72: out += '\r'; break;
      case 0x74: out += '\t'; break;
      case 0x75: {
        let v = 0;
        for (let k = i + 2; k < i + 6; k++) {
          const h = text.charCodeAt(k);
          if (h >= 0x30 && h <= 0x39) v = v * 16 + h - 0x30;
          else if (h >= 0x41 && h <= 0x46) v = v * 16 + h - 0x37;
          else if (h >= 0x61 && h <= 0x66) v = v * 16 + h - 0x57;
          else return undefined;
        }
        out += String.fromCharCode(v);
        i += 4;
        break;
      }
      default:
        return undefined;
    }
    i += 2;
    from = i;
  }
  return undefined;
}

/** True when `text` holds `word` at `i` (true/false/null; what follows is checked by the caller). */
function wordAt(text: string, i: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (text.charCodeAt(i + k) !== word.charCodeAt(k)) return false;
  return true;
}

// Children of the open objects and arrays, innermost last (`pending` up to `top`; entries past it are
// stale), and where each open container's children start. A container's children are sliced out when it
// closes, an array of exactly their number (one grown by `push`, as parseTree's are, keeps room for 16 or
// more). Reused across parses and emptied after each, so no tree or text stays reachable from here.
const pending: Node[] = [];
let top = 0;
const starts: number[] = [];

/** The children pushed since `from`, removed from `pending`. */
function childrenFrom(from: number): Node[] {
  const out = pending.slice(from, top);
  top = from;
  return out;
}

/**
 * The tree `parseTree` would build, or undefined when the text is not one this parser handles exactly
 * (then nothing about the text is implied: call jsonc-parser). Nesting deeper than `maxDepth` gives up.
 */
export function fastParseTree(text: string, maxDepth: number): FastTree | undefined {
  try {
    large = text.length >= LARGE_TEXT;
    const root = parse(text, maxDepth);
    return root === null ? undefined : { root };
  } finally {
    // Drop references to this parse's nodes (and so to its text), whether it finished or gave up.
    pending.length = 0;
    top = 0;
    starts.length = 0;
    lastProperty = lastKey = null;
  }
}

/**
 * Whether this parse's nodes come from the large-document literals. V8 decides per allocation site (each
 * object or array literal) whether its objects are allocated young or straight into the old generation,
 * from how many survive a scavenge, and never revisits a "young" verdict. The editor re-lints small
 * files on every keystroke, whose trees die young, so their sites learn "young"; the tree of a text past
 * ~2 MB outgrows the young generation (16 MB) and survives anyway: from shared sites, every node would
 * be copied by two scavenges. Large documents' nodes have literals of their own, which V8 learns to
 * allocate in the old generation.
 */
let large = false;
const LARGE_TEXT = 2e6;

/** The tree; undefined for empty content; null to give up. */
function parse(text: string, maxDepth: number): Node | undefined | null {
  const n = text.length;
  let pos = skipTrivia(text, 0);
  if (pos < 0) return null;
  if (pos === n) return undefined;
  let root: MutableNode | undefined;
  // The innermost open object or array (null before the root and after it closes).
  let container: MutableNode | null = null;
  // Where the next value goes: the open array, or the property whose value it is; null for the root.
  let owner: MutableNode | null = null;
  // The key node of `owner` when it is a property (its children are made once the value exists).
  let key: MutableNode | null = null;
  let depth = 0;

  for (;;) {
    // A value starts at `pos` (trivia already skipped).
    const c = text.charCodeAt(pos);
    const start = pos;
    let node: MutableNode;
    let open = false;
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return null;
      const type = c === OPEN_BRACE ? 'object' : 'array';
      // The two branches after `large ?` are the same literal on purpose: two allocation sites (see `large`).
      node = owner === null
        ? { type, offset: start, length: -1, children: undefined }
        : large
          ? { type, offset: start, length: -1, parent: owner, children: undefined }
          : { type, offset: start, length: -1, parent: owner, children: undefined };
      pos++;
      open = true;
    } else {
      let type: 'string' | 'number' | 'boolean' | 'null';
      let value: string | number | boolean | null;
      if (c === QUOTE) {
        const v = readString(text, pos);
        if (v === undefined) return null;
        value = v;
        type = 'string';
        pos = stringEnd;
      } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
        // The scanner's grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?; what follows is
        // checked with the next token (`01` or `1x` are errors there and give up here).
        let i = c === MINUS ? pos + 1 : pos;
        let d = text.charCodeAt(i);
        if (d === ZERO) d = text.charCodeAt(++i);
        else if (d > ZERO && d <= NINE) {
          do d = text.charCodeAt(++i);
          while (d >= ZERO && d <= NINE);
        } else return null;
        let simple = i - pos <= 15;
        if (d === DOT) {
          simple = false;
          d = text.charCodeAt(++i);
          if (!(d >= ZERO && d <= NINE)) return null;
          do d = text.charCodeAt(++i);
          while (d >= ZERO && d <= NINE);
        }
        if (d === 0x65 || d === 0x45) {
          simple = false;
          d = text.charCodeAt(++i);
          if (d === 0x2b || d === MINUS) d = text.charCodeAt(++i);
          if (!(d >= ZERO && d <= NINE)) return null;
          do d = text.charCodeAt(++i);
          while (d >= ZERO && d <= NINE);
        }
        if (simple) {
          // At most 15 characters of digits (and a sign): exact in a double, as Number() gives; `-0` stays -0.
          let v = 0;
          for (let k = c === MINUS ? pos + 1 : pos; k < i; k++) v = v * 10 + (text.charCodeAt(k) - ZERO);
          value = c === MINUS ? -v : v;
        } else value = Number(text.substring(pos, i));
        type = 'number';
        pos = i;
      } else if (c === 0x74 && wordAt(text, pos, 'true')) {
        value = true;
        type = 'boolean';
        pos += 4;
      } else if (c === 0x66 && wordAt(text, pos, 'false')) {
        value = false;
        type = 'boolean';
        pos += 5;
      } else if (c === 0x6e && wordAt(text, pos, 'null')) {
        value = null;
        type = 'null';
        pos += 4;
      } else return null;
      // (`truex` is one unknown word to the scanner: the check after the value gives up on it.)
      // One allocation site for every scalar, as parseTree has: one hidden class for the code that reads them.
      node = owner === null
        ? { type, offset: start, length: pos - start, value }
        : large
          ? { type, offset: start, length: pos - start, parent: owner, value }
          : { type, offset: start, length: pos - start, parent: owner, value };
    }

    // Attach the value where it belongs.
    if (owner === null) root = node;
    else if (key !== null) {
      owner.children = large ? [key, node] : [key, node];
      key = null;
    } else pending[top++] = node;

    if (open) {
      starts.push(top);
      container = node;
      pos = skipTrivia(text, pos);
      if (pos < 0) return null;
      const d = text.charCodeAt(pos);
      if (d === (node.type === 'object' ? CLOSE_BRACE : CLOSE_BRACKET)) {
        // Empty: closed by the loop below.
      } else if (node.type === 'array') {
        owner = node;
        continue;
      } else {
        if (d !== QUOTE) return null;
        pos = readKey(text, pos, node);
        if (pos < 0) return null;
        owner = lastProperty;
        key = lastKey;
        continue;
      }
    } else if (owner !== null && owner.type === 'property') {
      owner.length = pos - owner.offset;
    }

    // After a value: commas, closing brackets and trivia up to the next value (or the end).
    for (;;) {
      pos = skipTrivia(text, pos);
      if (pos < 0) return null;
      if (container === null) return pos === n ? (root as Node) : null;
      const d = text.charCodeAt(pos);
      const isObject = container.type === 'object';
      const close = isObject ? CLOSE_BRACE : CLOSE_BRACKET;
      if (d === COMMA) {
        pos = skipTrivia(text, pos + 1);
        if (pos < 0) return null;
        const e = text.charCodeAt(pos);
        if (e !== close) {
          // The next member (a trailing comma falls through to the close below).
          if (!isObject) {
            owner = container;
            break;
          }
          if (e !== QUOTE) return null;
          pos = readKey(text, pos, container);
          if (pos < 0) return null;
          owner = lastProperty;
          key = lastKey;
          break;
        }
      } else if (d !== close) return null;
      // Close the container; if it was a property's value, the property ends here too.
      pos++;
      depth--;
      container.length = pos - container.offset;
      const from = starts.pop()!;
      container.children = childrenFrom(from);
      const parent = container.parent as MutableNode | undefined;
      if (parent === undefined) container = null;
      else if (parent.type === 'property') {
        parent.length = pos - parent.offset;
        container = parent.parent as MutableNode;
      } else container = parent;
    }
  }
}

// Set by `readKey`: the property it opened and its key node.
let lastProperty: MutableNode | null = null;
let lastKey: MutableNode | null = null;

/**
 * Reads `"key" :` at `pos` inside `obj`: makes the property (pushed as a child of `obj`) and its key node;
 * returns the index of the value after the colon and its trivia, or -1 to give up.
 */
function readKey(text: string, pos: number, obj: MutableNode): number {
  const value = readString(text, pos);
  if (value === undefined) return -1;
  const after = stringEnd;
  const colon = skipTrivia(text, after);
  if (colon < 0 || text.charCodeAt(colon) !== COLON) return -1;
  const next = skipTrivia(text, colon + 1);
  if (next < 0 || next === text.length) return -1;
  // Fields in parseTree's order (colonOffset is added last there); children are set with the value.
  // Each `large ?` picks between two copies of one literal: two allocation sites (see `large`).
  const property: MutableNode = large
    ? { type: 'property', offset: pos, length: -1, parent: obj, children: undefined, colonOffset: colon }
    : { type: 'property', offset: pos, length: -1, parent: obj, children: undefined, colonOffset: colon };
  lastKey = large
    ? { type: 'string', value, offset: pos, length: after - pos, parent: property }
    : { type: 'string', value, offset: pos, length: after - pos, parent: property };
  lastProperty = property;
  pending[top++] = property;
  return next;
}
