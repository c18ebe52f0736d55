// The JSON report is written in pieces (writeJsonReport) instead of one JSON.stringify: the bytes must be
// exactly those of JSON.stringify({ files, summary }, null, 2) + '\n', whatever the number of files.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJsonReport } from '../../src/cli/commands/lint';
import type { CliIO } from '../../src/cli/io';
import { runCli } from '../support/run-cli';

function capture(): { io: CliIO; out: string[] } {
  const out: string[] = [];
  const io = { stdout: (s: string) => out.push(s), stderr: () => assert.fail('no stderr'), env: {}, cwd: '/', isTTY: false, stdin: process.stdin } as CliIO;
  return { io, out };
}

/** Text that JSON escapes in every way it can: quotes, backslashes, controls, separators, non-ASCII, surrogates. */
const ODD = ['plain', 'quote " and \\ back', 'tab\tnew\nline\r', '\u0000\u001f\u007f', 'sep \u2028 \u2029', 'em — dash, 日本', 'emoji 😀', 'lone \ud800 high', ''];

function files(n: number): { path: string; findings: unknown[] }[] {
  return Array.from({ length: n }, (_, i) => ({
    path: `src/p${i}/appsettings.${ODD[i % ODD.length]}.json`,
    findings: Array.from({ length: i % 4 }, (_, k) => ({
      ruleId: 'scope/x',
      severity: k % 2 ? 'error' : 'warning',
      message: ODD[(i + k) % ODD.length],
      range: { start: { line: i, character: k }, end: { line: i, character: k + 1 } },
      ...(k === 2 ? { fixes: [{ title: 't', edits: [], isPreferred: true }], related: [] } : {}),
    })),
  }));
}

describe('lint --format json: the report written in pieces', () => {
  for (const n of [0, 1, 2, 63, 64, 65, 128, 129, 200]) {
    it(`${n} file(s): the bytes of JSON.stringify(report, null, 2) and a newline`, () => {
      const report = { files: files(n), summary: { errors: n, warnings: 1, infos: 0 } };
      const { io, out } = capture();
      writeJsonReport(io, report.files, report.summary);
      assert.equal(out.join(''), `${JSON.stringify(report, null, 2)}\n`);
      if (n > 64) assert.ok(out.length > 2, 'written in more than one piece');
    });
  }

  it('the CLI prints its own JSON re-serialised byte for byte, for a folder of more files than a piece holds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'entra-json-'));
    try {
      for (let i = 0; i < 70; i++) {
        mkdirSync(join(dir, `s${i}`));
        writeFileSync(join(dir, `s${i}`, 'appsettings.json'), i % 3 ? `{ "AzureAd": { "TenantId": "Enter_the_Tenant_Id_Here", "ClientSecret": "abc8Q~${'x'.repeat(34)}" } }` : '{ broken');
      }
      const r = runCli(['lint', '.', '--format', 'json'], { cwd: dir });
      assert.equal(r.code, 1, r.stderr);
      const parsed = JSON.parse(r.stdout) as { files: unknown[] };
      assert.equal(parsed.files.length, 70);
      assert.equal(r.stdout, `${JSON.stringify(parsed, null, 2)}\n`);
      assert.match(r.stdout, /—/, 'a message with non-ASCII text is among them');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
