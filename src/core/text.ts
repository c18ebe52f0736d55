// Text decoding and offset <-> position mapping shared by the parser, rules and fixes.
import type { Position, Range } from './findings';

export type TextEncodingName = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** Byte order marks .NET's configuration reader recognises: the bytes, our name, the decoder's label. */
const BOMS: [number[], TextEncodingName, string][] = [
  [[0xef, 0xbb, 0xbf], 'utf8bom', 'utf-8'],
  [[0xff, 0xfe], 'utf16le', 'utf-16le'],
  [[0xfe, 0xff], 'utf16be', 'utf-16be'],
];

/**
 * Decodes file bytes the way .NET's configuration reader does: BOM-sniffed UTF-8/UTF-16,
 * otherwise UTF-8. The BOM is dropped, as VS Code does, so ranges match the editor.
 */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  for (const [bom, encoding, label] of BOMS) {
    if (bom.every((b, i) => bytes[i] === b)) return { text: new TextDecoder(label).decode(bytes.subarray(bom.length)), encoding };
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  // A BOM that survived as U+FEFF (e.g. text handed over already decoded) is not content either.
  return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), encoding: 'utf8bom' } : { text, encoding: 'utf8' };
}

/** Encodes text back in the file's own encoding, BOM included, so a fix never changes it. */
export function encodeText(text: string, encoding: TextEncodingName): Uint8Array {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be': {
      const le = Buffer.from(text, 'utf16le');
      for (let i = 0; i + 1 < le.length; i += 2) {
        const a = le[i]!;
        le[i] = le[i + 1]!;
        le[i + 1] = a;
      }
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
    }
  }
}

/**
 * Line starts, computed on first use (many documents are parsed and never asked for a position) and
 * kept in a typed array (a large file has hundreds of thousands of lines: no GC-scanned array of
 * numbers); lookups are a binary search. Handles \n, \r\n and lone \r.
 */
export class LineIndex {
  private starts: Uint32Array | undefined;
  private count = 0;
  /** The line lineAt found last: where the next lookup starts. */
  private last = 0;

  constructor(private readonly text: string) {}

  private lineStarts(): Uint32Array {
    if (this.starts) return this.starts;
    const text = this.text;
    let starts = new Uint32Array(Math.max(16, text.length >> 5));
    let count = 0;
    const push = (offset: number): void => {
      if (count === starts.length) {
        const grown = new Uint32Array(starts.length * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[count++] = offset;
    };
    push(0);
    if (text.indexOf('\r') < 0) {
      // The usual case: only \n, found by indexOf (much faster than a loop over every character).
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 13 /* \r */) {
          if (text.charCodeAt(i + 1) === 10) i++;
          push(i + 1);
        } else if (c === 10 /* \n */) {
          push(i + 1);
        }
      }
    }
    this.count = count;
    this.starts = starts;
    return starts;
  }

  get lineCount(): number {
    this.lineStarts();
    return this.count;
  }

  positionAt(offset: number): Position {
    const line = this.lineAt(offset);
    return { line, character: Math.max(0, Math.min(offset, this.text.length)) - this.starts![line]! };
  }

  /** The line of an offset (positionAt(offset).line, without the position object). */
  lineAt(offset: number): number {
    const starts = this.lineStarts();
    const o = Math.max(0, Math.min(offset, this.text.length));
    // Offsets are mostly asked for in ascending order (runRules converts findings in document order, a
    // range's end follows its start): the last line found answers most lookups without a binary
    // search, and otherwise halves its span.
    const last = this.last;
    let lo = 0;
    let hi = this.count - 1;
    if (starts[last]! > o) hi = last - 1;
    else if (last === hi || o < starts[last + 1]!) return last;
    else lo = last + 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return (this.last = lo);
  }

  offsetAt(pos: Position): number {
    const starts = this.lineStarts();
    if (pos.line < 0) return 0;
    if (pos.line >= this.count) return this.text.length;
    const start = starts[pos.line]!;
    const next = pos.line + 1 < this.count ? starts[pos.line + 1]! : this.text.length;
    return Math.min(start + Math.max(0, pos.character), next);
  }

  range(offset: number, length: number): Range {
    return { start: this.positionAt(offset), end: this.positionAt(offset + length) };
  }
}
