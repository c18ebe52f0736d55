// All 57 real corpus files through the CLI in one process, as a user or CI would run it: every file
// is read (UTF-16 and BOMs included), nothing crashes, and the CLI reports exactly what the rules
// report in-process. The expected ids per file are listed by the family corpus tests
// (test/lint/config/corpus.test.ts, test/lint/scope/corpus.test.ts).
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildModel, parseDocument } from '../../src/core/config';
import { RULE_IDS } from '../../src/core/lint/catalog';
import { runRules } from '../../src/core/lint/run';
import { runCli } from '../support/run-cli';

const DIR = [resolve(__dirname, '../../../shared/corpus/appsettings'), '/work/shared/corpus/appsettings'].find((d) => existsSync(d));

describe('entra-doctor lint over the shared corpus', function () {
  if (!DIR) {
    it('corpus not present (skipped)', function () {
      this.skip();
    });
    return;
  }
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

  it('reads all 57 files and agrees with the in-process rules, file by file', () => {
    assert.equal(files.length, 57);
    const r = runCli(['lint', ...files, '--format', 'json'], { cwd: DIR });
    assert.equal(r.stderr, '');
    const out = JSON.parse(r.stdout) as { files: { path: string; findings: { ruleId: string; severity: string; range: unknown }[] }[] };
    assert.equal(out.files.length, 57);
    for (const file of out.files) {
      const doc = parseDocument(join(DIR, file.path), readFileSync(join(DIR, file.path)));
      const expected = runRules(buildModel(doc)).map((f) => `${f.ruleId}:${f.severity}:${JSON.stringify(f.range)}`);
      assert.deepEqual(file.findings.map((f) => `${f.ruleId}:${f.severity}:${JSON.stringify(f.range)}`), expected, file.path);
      for (const f of file.findings) assert.ok(RULE_IDS.has(f.ruleId), f.ruleId);
    }
    // The corpus parses (comments, trailing commas, BOMs, UTF-16): no json/* finding anywhere.
    assert.ok(!out.files.some((f) => f.findings.some((x) => x.ruleId.startsWith('json/'))));
    assert.equal(r.code, out.files.some((f) => f.findings.some((x) => x.severity === 'error')) ? 1 : 0);
  });

  it('reads the UTF-16LE sample and finds its placeholders at the right place', () => {
    const utf16 = files.find((f) => f.includes('daemon-console.Tests'))!;
    assert.deepEqual([...readFileSync(join(DIR, utf16)).subarray(0, 2)], [0xff, 0xfe]);
    const r = runCli(['lint', utf16, '--format', 'json'], { cwd: DIR });
    const findings = JSON.parse(r.stdout).files[0].findings as { ruleId: string; range: { start: { line: number } } }[];
    const doc = parseDocument(utf16, readFileSync(join(DIR, utf16)));
    const placeholder = findings.find((f) => f.ruleId === 'config/placeholder')!;
    const line = doc.text.split(/\r?\n/)[placeholder.range.start.line]!;
    assert.match(line, /SOME_/);
  });
});
