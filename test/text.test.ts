// LineIndex remembers the line it found last (lookups mostly ascend): every answer, in any order of
// offsets, must be what a plain scan of the text gives.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeBytes, LineIndex } from '../src/core/text';

/** Position of an offset by walking the text (\n, \r\n and lone \r end a line; offsets clamped). */
function plain(text: string, offset: number): { line: number; character: number } {
  const o = Math.max(0, Math.min(offset, text.length));
  let line = 0;
  let start = 0;
  for (let i = 0; i < o; i++) {
    const c = text[i];
    if (c === '\r' && text[i + 1] === '\n') {
      if (i + 1 >= o) break; // between \r and \n: still the same line
      i++;
    }
    if (c === '\n' || c === '\r') {
      line++;
      start = i + 1;
    }
  }
  return { line, character: o - start };
}

const LINE_TEXT = fc.array(fc.constantFrom('a', 'é', '\n', '\r\n', '\r', ' ', '"', '{', '}', '\u2028'), { maxLength: 60 }).map((xs) => xs.join(''));

describe('LineIndex', () => {
  it('answers every lookup in any order like a scan of the text (the remembered line is only a start)', () => {
    fc.assert(
      fc.property(LINE_TEXT, fc.array(fc.integer({ min: -3, max: 70 }), { maxLength: 40 }), (text, offsets) => {
        const lines = new LineIndex(text);
        for (const offset of offsets) {
          const ctx = JSON.stringify({ text, offsets, offset });
          assert.deepEqual(lines.positionAt(offset), plain(text, offset), ctx);
          assert.equal(lines.lineAt(offset), plain(text, offset).line, ctx);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('ranges of ascending, repeated and backward offsets across many lines', () => {
    const text = Array.from({ length: 500 }, (_, i) => `"k${i}": ${'x'.repeat(i % 7)},${i % 3 === 0 ? '\r\n' : '\n'}`).join('');
    const lines = new LineIndex(text);
    const offsets = [0, 1, 5, 5, 40, 41, 3000, 2999, 10, text.length - 1, text.length, text.length + 5, 0, 7, 8, 9, 2000, 1000];
    for (let o = 0; o <= text.length; o += 3) offsets.push(o);
    for (let o = text.length; o >= 0; o -= 11) offsets.push(o);
    for (const offset of offsets) {
      const r = lines.range(offset, 4);
      assert.deepEqual(r, { start: plain(text, offset), end: plain(text, offset + 4) }, String(offset));
    }
    assert.equal(lines.lineCount, 500 + 1);
  });

  it('an empty text and a text without line breaks have one line', () => {
    for (const text of ['', 'abc']) {
      const lines = new LineIndex(text);
      assert.deepEqual(lines.positionAt(2), plain(text, 2));
      assert.deepEqual(lines.positionAt(-1), { line: 0, character: 0 });
      assert.equal(lines.lineCount, 1);
    }
  });
});

describe('decodeBytes', () => {
  /** The plain form: one branch per byte order mark. */
  function reference(bytes: Uint8Array): { text: string; encoding: string } {
    if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf8bom' };
    if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf16le' };
    if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf16be' };
    const text = new TextDecoder('utf-8').decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), encoding: 'utf8bom' } : { text, encoding: 'utf8' };
  }
  const MARKS = [[], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb], [0xef], [0xff], [0xfe], [0xbb, 0xbf]];

  it('reads every byte order mark (or none, a partial one, two in a row) as the plain form does', () => {
    const mark = fc.constantFrom(...MARKS);
    fc.assert(
      fc.property(fc.array(mark, { maxLength: 2 }), fc.uint8Array({ maxLength: 12 }), fc.string({ maxLength: 6 }), (marks, raw, s) => {
        for (const body of [raw, Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le')]) {
          const bytes = Uint8Array.from([...marks.flat(), ...body]);
          assert.deepEqual(decodeBytes(bytes), reference(bytes), JSON.stringify([...bytes]));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('names each encoding and drops its mark', () => {
    assert.deepEqual(decodeBytes(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41])), { text: 'A', encoding: 'utf8bom' });
    assert.deepEqual(decodeBytes(Uint8Array.from([0xff, 0xfe, 0x41, 0])), { text: 'A', encoding: 'utf16le' });
    assert.deepEqual(decodeBytes(Uint8Array.from([0xfe, 0xff, 0, 0x41])), { text: 'A', encoding: 'utf16be' });
    assert.deepEqual(decodeBytes(Uint8Array.from([0x41])), { text: 'A', encoding: 'utf8' });
    assert.deepEqual(decodeBytes(new Uint8Array(0)), { text: '', encoding: 'utf8' });
  });
});
