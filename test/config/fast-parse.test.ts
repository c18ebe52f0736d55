// The fast parser against jsonc-parser itself: for any text, either it gives up or its tree is the
// one parseTree builds (fields, field order, values, offsets, parent links) — and it gives up exactly
// when parseTree reports an error, so valid files really take the fast path.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { parseDocument } from '../../src/core/config';
import { fastParseTree } from '../../src/core/config/fast-parse';
import { DOTNET_MAX_DEPTH } from '../../src/core/config/parse';
import { decodeBytes } from '../../src/core/text';

const OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

/** Same keys in the same order on every node, and every child's parent is the node holding it. */
function assertSameShape(fast: Node, ref: Node, where = '$'): void {
  assert.deepEqual(Object.keys(fast), Object.keys(ref), `field order at ${where}`);
  assert.equal(fast.children?.length, ref.children?.length, `children at ${where}`);
  fast.children?.forEach((c, i) => {
    assert.equal(c.parent, fast, `parent link at ${where}[${i}]`);
    assertSameShape(c, ref.children![i]!, `${where}[${i}]`);
  });
}

/** Checks one text; returns whether the fast parser took it. */
function check(text: string): boolean {
  const errors: ParseError[] = [];
  const ref = parseTree(text, errors, OPTIONS);
  const fast = fastParseTree(text, DOTNET_MAX_DEPTH);
  if (fast === undefined) {
    assert.notEqual(errors.length, 0, `gave up on valid text ${JSON.stringify(text)}`);
    return false;
  }
  assert.deepEqual(errors, [], `took text parseTree rejects: ${JSON.stringify(text)}`);
  assert.deepStrictEqual(fast.root, ref, JSON.stringify(text));
  if (ref) assertSameShape(fast.root!, ref);
  return true;
}

// ---- Generated JSONC: values printed with random trivia, trailing commas, escapes and numbers. ----

type Value =
  | { kind: 'string'; raw: string }
  | { kind: 'number'; raw: string }
  | { kind: 'literal'; raw: string }
  | { kind: 'array'; items: Value[] }
  | { kind: 'object'; props: [string, Value][] };

const hex4 = fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.boolean()).map(([v, upper]) => {
  const h = v.toString(16).padStart(4, '0');
  return `\\u${upper ? h.toUpperCase() : h}`;
});
/** The text between a string's quotes: plain characters (any Unicode, lone surrogates included) and escapes. */
const stringBody = fc
  .array(
    fc.oneof(
      fc.constantFrom('a', 'Z', '0', ' ', 'é', '😀', '\u2028', '/', '\u00a0', '\u007f', '\ufeff', '*/', '//', 'ClientId', 'https://graph.microsoft.com/.default'),
      fc.constantFrom('\\"', '\\\\', '\\/', '\\b', '\\f', '\\n', '\\r', '\\t'),
      hex4,
      fc.string({ unit: 'binary', maxLength: 4 }).map((s) => s.replace(/["\\\x00-\x1f]/g, '')),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));
const key = fc.oneof(stringBody, fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'a', 'A', ''));
const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const numberText = fc.oneof(
  fc
    .tuple(
      fc.boolean(),
      fc.oneof(fc.constant('0'), fc.tuple(fc.constantFrom(...'123456789'), digits(0, 20)).map(([a, b]) => a + b)),
      fc.option(digits(1, 20)),
      fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digits(1, 4))),
    )
    .map(([neg, int, frac, exp]) => `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}${exp === null ? '' : exp.join('')}`),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
  fc.integer().map(String),
  fc.constantFrom('-0', '0.0', '-0.0e-0', '1e400', '-1e400', '1e-400', '123456789012345', '1234567890123456', '9007199254740993', '0e0', '1E+2'),
);
const value: fc.Arbitrary<Value> = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    stringBody.map((raw): Value => ({ kind: 'string', raw })),
    numberText.map((raw): Value => ({ kind: 'number', raw })),
    fc.constantFrom('true', 'false', 'null').map((raw): Value => ({ kind: 'literal', raw })),
    fc.array(tie('value'), { maxLength: 4 }).map((items): Value => ({ kind: 'array', items })),
    fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }).map((props): Value => ({ kind: 'object', props })),
  ),
})).value;

const TRIVIA = [' ', '  ', '\t', '\n', '\r\n', '\r', '// c\n', '//\r', '// x */ y\r\n', '/* b */', '/*\n*/', '/**/', '/*/ */', '/* // */'];

/** Deterministic choices for the printer (trivia, trailing commas) from a seed fast-check shrinks. */
function chooser(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s % n;
  };
}

function print(v: Value | undefined, seed: number): string {
  const pick = chooser(seed);
  const trivia = () => {
    let t = '';
    for (let k = pick(4) === 0 ? pick(3) + 1 : 0; k > 0; k--) t += TRIVIA[pick(TRIVIA.length)]!;
    return t;
  };
  const out = (x: Value): string => {
    switch (x.kind) {
      case 'string':
        return `"${x.raw}"`;
      case 'number':
      case 'literal':
        return x.raw;
      case 'array': {
        const items = x.items.map((i) => trivia() + out(i) + trivia());
        return `[${items.join(',')}${items.length && pick(3) === 0 ? `,${trivia()}` : trivia()}]`;
      }
      case 'object': {
        const props = x.props.map(([k, val]) => `${trivia()}"${k}"${trivia()}:${trivia()}${out(val)}${trivia()}`);
        return `{${props.join(',')}${props.length && pick(3) === 0 ? `,${trivia()}` : trivia()}}`;
      }
    }
  };
  return trivia() + (v === undefined ? '' : out(v)) + trivia();
}

const validText = fc.tuple(fc.option(value, { freq: 20 }), fc.integer()).map(([v, seed]) => print(v ?? undefined, seed));

/** Characters that break JSONC in every way the scanner knows, and some it accepts. */
const NASTY = [...'{}[]:,"\\/*\n\r\t 0159eE.+-tfnaux', '\u0000', '\u001f', '\u00a0', '\ufeff', '\f', '\v', '\u2028', '\ud800'];
type Mutation = { at: number; op: 'truncate' | 'delete' | 'insert' | 'replace'; ch: string };
const mutation = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  op: fc.constantFrom('truncate' as const, 'delete' as const, 'insert' as const, 'replace' as const),
  ch: fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
});
function mutate(text: string, ms: Mutation[]): string {
  for (const m of ms) {
    const i = Math.floor(m.at * text.length);
    if (m.op === 'truncate') text = text.slice(0, i);
    else if (m.op === 'delete') text = text.slice(0, i) + text.slice(i + 1);
    else if (m.op === 'insert') text = text.slice(0, i) + m.ch + text.slice(i);
    else text = text.slice(0, i) + m.ch + text.slice(i + 1);
  }
  return text;
}

describe('config/fast-parse', () => {
  it('builds parseTree’s tree for every generated valid JSONC text, and never gives up on one', () => {
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(validText, (text) => {
        runs++;
        assert.ok(check(text), `gave up on ${JSON.stringify(text)}`);
        taken++;
      }),
      { numRuns: 3000 },
    );
    assert.equal(taken, runs);
  });

  it('gives up exactly where parseTree reports an error, on mutated texts', () => {
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(validText, fc.array(mutation, { minLength: 1, maxLength: 3 }), (text, ms) => {
        runs++;
        if (check(mutate(text, ms))) taken++;
      }),
      { numRuns: 4000 },
    );
    // Both outcomes are exercised: some mutations keep the text valid, most break it.
    assert.ok(taken > 0 && taken < runs, `${taken} of ${runs} taken`);
  });

  const pinned: [string, string][] = [
    ['empty text', ''],
    ['only trivia', ' \t\r\n// c\r/* b */\n'],
    ['a top-level string', '"x"'],
    ['a top-level number', ' -0 '],
    ['a top-level array', '[1, "a", true, null, {}, []]'],
    ['numbers at the edges of the grammar', '[0, -0, 0.5, -0.0e-0, 1E+2, 1e-2, 123456789012345, 1234567890123456, 9007199254740993, 1e400, -1e400]'],
    ['escapes, including \\u in both cases and lone surrogates', '{"k\\"\\\\\\/\\b\\f\\n\\r\\t": "\\u00e9\\u00E9\\ud800\\uDFFF x"}'],
    ['non-ASCII and U+2028 in strings', '{"é": "😀\u2028\u00a0"}'],
    ['duplicate keys, kept as separate properties', '{"a": 1, "A": 2, "a": 3}'],
    ['prototype-named keys', '{"__proto__": {"polluted": true}, "constructor": [], "toString": 1}'],
    ['trailing commas', '{"a": [1, 2,], "b": {"c": 1,},}'],
    ['comments between every token', '/*a*/{/*b*/"k"/*c*/://*d*/\n1/*e*/,//f\r"l":[/*g*/2/*h*/,/*i*/]/*j*/}//k'],
    ['\\r\\n and lone \\r line ends', '{\r\n  "a": 1,\r  "b": 2\n}\r\n'],
    ['a block comment closed by its own opening star', '/**/ {} /*/ */'],
    ['a long string value (sliced) and many repeats (interned)', `[${Array.from({ length: 50 }, (_, i) => `"https://graph.microsoft.com/.default", "v${i % 7}"`).join(',')}]`],
    ['an empty key and an empty string', '{"": ""}'],
    ['64 levels of nesting', '['.repeat(64) + ']'.repeat(64)],
  ];
  for (const [name, text] of pinned) {
    it(`takes ${name}`, () => assert.ok(check(text)));
  }

  const broken: [string, string][] = [
    ['an unterminated block comment', '{} /* x'],
    ['a lone slash', '{} /'],
    ['a leading zero', '[01]'],
    ['a bare minus', '[-]'],
    ['a number without fraction digits', '[1.]'],
    ['a number without exponent digits', '[1e+]'],
    ['a word after a number', '[1x]'],
    ['a word glued to a literal', '[truex]'],
    ['an invalid escape', '["\\x"]'],
    ['a short \\u escape', '["\\u12"]'],
    ['a raw control character in a string', '["a\u0001b"]'],
    ['a raw tab in a string', '["a\tb"]'],
    ['a line break in a string', '["a\nb"]'],
    ['an unterminated string', '["abc'],
    ['a form feed as whitespace', '[\f1]'],
    ['a no-break space as whitespace', '[\u00a01]'],
    ['a byte order mark inside', '[\ufeff1]'],
    ['a missing comma', '[1 2]'],
    ['a leading comma', '[,1]'],
    ['two commas', '{"a":1,,"b":2}'],
    ['a missing colon', '{"a" 1}'],
    ['a missing value', '{"a":}'],
    ['a single-quoted key', "{'a':1}"],
    ['a missing close', '{"a":[1'],
    ['text after the value', '{} {}'],
    ['a comma at top level', '1,'],
  ];
  for (const [name, text] of broken) {
    it(`gives up on ${name} (parseTree reports it)`, () => assert.equal(check(text), false));
  }

  it('reads long integers and fractions to the same double as Number()', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.constantFrom(...'123456789'), digits(10, 24), fc.option(digits(1, 20)), (neg, first, rest, frac) => {
        const n = `${neg ? '-' : ''}${first}${rest}${frac === null ? '' : `.${frac}`}`;
        assert.ok(check(`[${n}, {"n": ${n}}]`));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads 20,000 distinct keys and values of one length', () => {
    const keys = Array.from({ length: 20000 }, (_, i) => `k${String(i).padStart(5, '0')}`);
    const text = `{${keys.map((k, i) => `"${k}": "${keys[(i * 7919) % keys.length]}"`).join(',')}}`;
    assert.ok(check(text));
  });

  it('builds parseTree’s tree for a text past 2 MB (nodes from the large-document literals), and small ones after it', () => {
    // Generated values of every kind in one array, printed with trivia, until the text is past the threshold.
    const values = fc.sample(value, { numRuns: 4000, seed: 7 });
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 2.1e6; i = (i + 1) % values.length) {
      const part = print(values[i], i);
      parts.push(part);
      size += part.length + 1;
    }
    const text = `[${parts.join(',')}]`;
    assert.ok(text.length > 2e6);
    assert.ok(check(text));
    const broken = `${text.slice(0, -1)},]]`;
    assert.equal(check(broken), false);
    assert.ok(check('{"a": [1, {"b": "c"}]}'));
  });

  it('gives up past the depth it is given', () => {
    const deep = '['.repeat(65) + ']'.repeat(65);
    assert.equal(fastParseTree(deep, 64), undefined);
    assert.ok(fastParseTree(deep, 65));
  });

  it('does not touch prototypes for __proto__ keys', () => {
    const root = fastParseTree('{"__proto__": {"x": 1}}', 64)!.root!;
    assert.equal(Object.getPrototypeOf(root), Object.prototype);
    assert.equal(({} as Record<string, unknown>).x, undefined);
    assert.equal(root.children![0]!.children![0]!.value, '__proto__');
  });

  it('a parse after a given-up one starts clean', () => {
    assert.equal(fastParseTree('{"a": [1, {"b": [2, 3', 64), undefined);
    assert.ok(check('{"c": [4]}'));
  });

  describe('parseDocument', () => {
    it('returns parseTree’s tree and no errors for a valid file', () => {
      const text = '{\n  // c\n  "AzureAd": { "ClientId": "x", "Scopes": ["a", "b",], },\n}\n';
      const doc = parseDocument('/w/appsettings.json', text);
      assert.deepEqual(doc.syntaxErrors, []);
      assert.deepStrictEqual(doc.root, parseTree(text, [], OPTIONS));
    });

    it('still reports nesting past .NET’s 64 levels on a valid file, with the tree', () => {
      const text = '{"a":' + '['.repeat(64) + ']'.repeat(64) + '}';
      const doc = parseDocument('/w/appsettings.json', text);
      assert.equal(doc.syntaxErrors.length, 1);
      assert.match(doc.syntaxErrors[0]!.message, /Nested more than 64 levels/);
      assert.equal(doc.syntaxErrors[0]!.offset, 5 + 63);
      assert.deepStrictEqual(doc.root, parseTree(text, [], OPTIONS));
    });

    it('reports syntax errors and the partial tree through jsonc-parser', () => {
      const doc = parseDocument('/w/appsettings.json', '{"a": 1 "b": 2}');
      assert.equal(doc.syntaxErrors.length, 1);
      assert.deepEqual(
        doc.root?.children?.map((p) => p.children?.[0]?.value),
        ['a', 'b'],
      );
    });
  });

  // Real files: the shared corpus next to the checkout (skipped where absent) and the test fixtures.
  const corpus = [resolve(__dirname, '../../../shared/corpus/appsettings'), resolve(process.cwd(), '../shared/corpus/appsettings')].find((d) => existsSync(d));
  it('builds the same tree for every corpus file and test fixture', function () {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.json')) files.push(p);
      }
    };
    walk(resolve(__dirname, '../fixtures'));
    const fixtures = files.length;
    if (corpus) walk(corpus);
    assert.ok(fixtures >= 10, 'fixtures found');
    let taken = 0;
    for (const f of files) {
      const { text } = decodeBytes(readFileSync(f));
      if (check(text)) taken++;
    }
    // Every fixture and corpus file is valid JSONC except deliberate broken ones; most take the fast path.
    assert.ok(taken >= files.length - 5, `${taken} of ${files.length}`);
    if (!corpus) this.skip();
  });
});
