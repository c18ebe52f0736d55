// The JSON report is written in pieces (writeJsonReport) instead of one JSON.stringify: the bytes must be
// exactly those of JSON.stringify({ files, summary }, null, 2) + '\n', whatever the number of files.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJsonReport } from '../../src/cli/commands/lint';
import type { CliIO } from '../../src/cli/io';
import { CLI, runCli } from '../support/run-cli';

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

describe('lint: stdout a file or /dev/null (written with writeSync, not through process.stdout)', () => {
  it('writes the bytes and exit code a pipe gets, for every format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'entra-out-'));
    try {
      for (let i = 0; i < 40; i++) {
        mkdirSync(join(dir, `s${i}-é`));
        // Non-ASCII in keys and values, a lone surrogate escape, findings with and without fixes.
        writeFileSync(
          join(dir, `s${i}-é`, 'appsettings.json'),
          i % 4 ? `{ "AzureAd": { "TenantId": "Enter_the_Tenant_Id_Here", "Clïent Id": "日本 \\ud800", "ClientSecret": "abc8Q~${'x'.repeat(34)}" } }` : '{ broken',
        );
      }
      for (const format of ['json', 'text', 'sarif']) {
        const piped = runCli(['lint', '.', '--format', format], { cwd: dir });
        assert.equal(piped.code, 1, piped.stderr);
        const file = join(dir, `out.${format}`);
        const fd = openSync(file, 'w');
        try {
          const r = spawnSync(process.execPath, [CLI, 'lint', '.', '--format', format], { cwd: dir, stdio: ['ignore', fd, 'pipe'], env: { PATH: process.env.PATH } });
          assert.equal(r.status, piped.code);
        } finally {
          closeSync(fd);
        }
        assert.ok(readFileSync(file).equals(Buffer.from(piped.stdout, 'utf8')), `${format}: the file holds what the pipe got`);
        rmSync(file);
        const devNull = openSync('/dev/null', 'w');
        try {
          const toNull = spawnSync(process.execPath, [CLI, 'lint', '.', '--format', format], { cwd: dir, stdio: ['ignore', devNull, 'pipe'] });
          assert.equal(toNull.status, piped.code);
          assert.equal(toNull.stderr.length, 0);
        } finally {
          closeSync(devNull);
        }
      }
      assert.match(runCli(['lint', '.'], { cwd: dir }).stdout, /s1-é\/appsettings\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
