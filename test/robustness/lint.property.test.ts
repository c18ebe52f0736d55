// The configuration parser and the whole linter (every rule family) on arbitrary JSONC and on
// mutated real files from the shared corpus: deleted brackets, swapped types, huge strings, deep
// nesting, unusual Unicode, BOMs in the middle, CR-only line ends. No exception escapes, every range
// lies inside the document, the work per file is bounded (findings grow at most with the text), and
// applying the offered fixes yields text that parses, keeps every comment, and settles when linted
// and fixed again. The config/* and scope/* families have their own property tests (test/lint):
// this one runs all rules together on broken input.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { createScanner } from 'jsonc-parser';
import { modelFromText, parseDocument } from '../../src/core/config';
import type { Finding, Fix, Range } from '../../src/core/findings';
import { applyTextEdits, runRules } from '../../src/core/lint';
import { LineIndex } from '../../src/core/text';
import { CORPUS_DIR, figures, printFigures } from './support';

const PATH = '/workspace/appsettings.json';

function lint(text: string): Finding[] {
  return runRules(modelFromText(text, { path: PATH }));
}

function inside(text: string, lines: LineIndex, r: Range, what: string): void {
  const start = lines.offsetAt(r.start);
  const end = lines.offsetAt(r.end);
  assert.ok(r.start.line >= 0 && r.start.character >= 0 && r.end.line < lines.lineCount, `${what}: line out of range`);
  // offsetAt clamps: a position past the end of its line would map to a different position.
  assert.deepEqual(lines.positionAt(start), r.start, `${what}: start ${JSON.stringify(r.start)} is not a position of the text`);
  assert.deepEqual(lines.positionAt(end), r.end, `${what}: end ${JSON.stringify(r.end)} is not a position of the text`);
  assert.ok(start <= end && end <= text.length, `${what}: inverted or past the end`);
}

/** Line and block comments as written (jsonc-parser's own tokenizer; SyntaxKind 12 and 13). */
function comments(text: string): string[] {
  const out: string[] = [];
  const s = createScanner(text, false);
  for (let k: number = s.scan(); k !== 17; k = s.scan()) if (k === 12 || k === 13) out.push(s.getTokenValue());
  return out;
}

function pickFix(f: Finding): Fix | undefined {
  return f.fixes?.find((x) => x.isPreferred) ?? f.fixes?.[0];
}

/** Lints, checks every range, applies one fix per finding; returns the fixed text. */
function checkOnce(text: string): { findings: Finding[]; fixed: string } {
  const findings = lint(text);
  const lines = new LineIndex(parseDocument(PATH, text).text);
  const doc = parseDocument(PATH, text).text;
  // Bounded output: a finding needs at least one character of text (plus a few whole-file findings).
  assert.ok(findings.length <= doc.length + 20, `${findings.length} findings for ${doc.length} characters`);
  for (const f of findings) {
    inside(doc, lines, f.range, f.ruleId);
    for (const r of f.related ?? []) if (r.file === f.file) inside(doc, lines, r.range, `${f.ruleId} related`);
    for (const fix of f.fixes ?? []) for (const e of fix.edits) inside(doc, lines, e.range, `${f.ruleId} fix "${fix.title}"`);
  }
  const edits = findings.flatMap((f) => pickFix(f)?.edits ?? []);
  return { findings, fixed: applyTextEdits(doc, edits) };
}

/** The full property: ranges, then fixes keep JSON + comments and settle within a few rounds. */
function property(text: string): void {
  figures.inputs++;
  const doc = parseDocument(PATH, text);
  const hadErrors = doc.syntaxErrors.length > 0;
  const before = comments(doc.text);
  let current = doc.text;
  for (let round = 0; round < 6; round++) {
    const { fixed } = checkOnce(current);
    if (fixed === current) return;
    if (!hadErrors) assert.deepEqual(parseDocument(PATH, fixed).syntaxErrors, [], `fixes broke the JSON:\n${fixed.slice(0, 2000)}`);
    const after = comments(fixed);
    for (const c of new Set(before)) {
      assert.ok(after.filter((x) => x === c).length >= before.filter((x) => x === c).length, `fixes dropped the comment ${c}`);
    }
    current = fixed;
  }
  assert.fail(`fixes did not settle after 6 rounds:\n${current.slice(0, 2000)}`);
}

// ------------------------------------------------------------------ generators

const KEYS = ['AzureAd', 'AzureAdB2C', 'DownstreamApis', 'Instance', 'TenantId', 'ClientId', 'Authority', 'ClientSecret', 'ClientCredentials', 'SourceType', 'Scopes', 'BaseUrl', 'RequestAppToken', 'CallbackPath', 'ApiUrl', 'TodoListScope', 'SendX5C', 'clientid', 'x'];
const VALUES = ['https://login.microsoftonline.com/', 'common', 'a599ce88-0a5f-4a6e-beca-e67d3fc427f4', 'https://graph.microsoft.com/.default', 'User.Read', 'ClientSecret', 'Enter_the_Tenant_Id_Here', 'true', 'https://database.windows.net/.default', ''];
const WEIRD = ['\u202e', '\u200b', '\ufeff', '\u0000', '\ud800', '\udfff', '🙂', 'ᄀ', '\u0301', '\u2028', '\r', '\u00a0'];

const jsonc: fc.Arbitrary<string> = fc
  .letrec<{ value: string; obj: string }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom(...VALUES).map((v) => JSON.stringify(v)),
      fc.constantFrom('true', 'false', 'null', '0', '-1.5e3', '[]', '{}'),
      fc.array(tie('value'), { maxLength: 3 }).map((a) => `[${a.join(', ')}]`),
      tie('obj'),
    ),
    obj: fc
      .array(
        fc.tuple(fc.constantFrom(...KEYS), tie('value'), fc.constantFrom('', ' // note', ' /* c */', '\n// line\n')),
        { maxLength: 5 },
      )
      .chain((props) =>
        fc.boolean().map((trailing) => `{${props.map(([k, v, c]) => `\n  ${JSON.stringify(k)}: ${v},${c}`).join('')}${trailing || !props.length ? '' : '\n  "Last": 1'}\n}`),
      ),
  }))
  .obj;

/** One corruption applied at a chosen place. */
type Mutation = (text: string, at: number, pick: number) => string;
const MUTATIONS: Record<string, Mutation> = {
  deleteBracket: (t, at) => {
    const i = [...t.matchAll(/[{}[\]]/g)].map((m) => m.index!)[at % Math.max(1, (t.match(/[{}[\]]/g) ?? []).length)];
    return i === undefined ? t : t.slice(0, i) + t.slice(i + 1);
  },
  deleteChar: (t, at) => t.slice(0, at % (t.length + 1)) + t.slice((at % (t.length + 1)) + 1),
  swapType: (t, at, pick) => {
    const strings = [...t.matchAll(/"(?:[^"\\\n]|\\.)*"(?=\s*[,}\]])/g)];
    const m = strings[at % Math.max(1, strings.length)];
    if (!m) return t;
    const repl = ['42', 'true', 'null', '{ "Nested": "x" }', '[1, "two", {}]', '""'][pick % 6]!;
    return t.slice(0, m.index) + repl + t.slice(m.index! + m[0].length);
  },
  hugeString: (t, at) => {
    const i = t.indexOf('"', at % (t.length + 1));
    return i < 0 ? t : t.slice(0, i + 1) + 'x'.repeat(256 * 1024) + t.slice(i + 1);
  },
  deepNesting: (t, at, pick) => {
    const n = [70, 300, 1500][pick % 3]!;
    const i = t.indexOf('{', at % (t.length + 1));
    return i < 0 ? t : t.slice(0, i + 1) + ' "Deep": ' + '{"a":'.repeat(n) + '1' + '}'.repeat(n) + ',' + t.slice(i + 1);
  },
  weirdUnicode: (t, at, pick) => {
    const i = at % (t.length + 1);
    return t.slice(0, i) + WEIRD[pick % WEIRD.length]! + t.slice(i);
  },
  bomInMiddle: (t, at) => {
    const i = at % (t.length + 1);
    return t.slice(0, i) + '\ufeff' + t.slice(i);
  },
  crOnly: (t) => t.replace(/\r?\n/g, '\r'),
  crlf: (t) => t.replace(/\r?\n/g, '\r\n'),
  truncate: (t, at) => t.slice(0, at % (t.length + 1)),
  duplicateLine: (t, at) => {
    const lines = t.split('\n');
    const i = at % lines.length;
    lines.splice(i, 0, lines[i]!);
    return lines.join('\n');
  },
};

describe('robustness: parser and linter on arbitrary and mutated configuration', function () {
  this.timeout(60_000);
  after(() => printFigures('lint'));

  it('arbitrary JSONC with comments, trailing commas and weird keys', () => {
    fc.assert(fc.property(jsonc, (text) => property(text)), { numRuns: 250, seed: 31 });
  });

  it('arbitrary JSONC after random corruptions', () => {
    const names = Object.keys(MUTATIONS);
    fc.assert(
      fc.property(jsonc, fc.array(fc.tuple(fc.constantFrom(...names.filter((n) => n !== 'hugeString')), fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }), (text, muts) => {
        let t = text;
        for (const [name, at, pick] of muts) t = MUTATIONS[name]!(t, at, pick);
        property(t);
      }),
      { numRuns: 250, seed: 32 },
    );
  });

  describe('mutated corpus files', () => {
    const files = CORPUS_DIR ? readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.json')).sort() : [];
    if (!CORPUS_DIR) {
      it('corpus not present (skipped)', function () {
        this.skip();
      });
      return;
    }
    const dir = CORPUS_DIR;
    const texts = files.map((f) => decodeText(readFileSync(join(dir, f))));

    it(`every corpus file as is (${files.length})`, () => {
      assert.ok(files.length > 10);
      for (const t of texts) property(t);
    });

    it('every mutation kind applied to corpus files', () => {
      const names = Object.keys(MUTATIONS);
      fc.assert(
        fc.property(fc.nat(texts.length - 1), fc.array(fc.tuple(fc.constantFrom(...names), fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }), (fileIndex, muts) => {
          let t = texts[fileIndex]!;
          // At most one huge string per case keeps the run inside its time budget.
          let huge = 0;
          for (const [name, at, pick] of muts) if (name !== 'hugeString' || huge++ === 0) t = MUTATIONS[name]!(t, at, pick);
          property(t);
        }),
        { numRuns: 300, seed: 33 },
      );
    });
  });
});

function decodeText(bytes: Buffer): string {
  return parseDocument(PATH, bytes).text;
}
