// The text report gathers its lines into writes of about 64 KB instead of a write per finding: the
// lines must be those formatFinding gives for each finding, in order, whatever the number of writes.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { lintCommand } from '../../src/cli/commands/lint';
import { formatFinding, pickStyle } from '../../src/cli/format/text';
import type { CliIO } from '../../src/cli/io';
import { syncNodeHost } from '../../src/core/config/host';
import { findConfigFilesSync, lintPathsSync, listingOnceSync } from '../../src/core/lint';

describe('lint (text): the report written in pieces', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'entra-text-'));
    for (let i = 0; i < 300; i++) {
      mkdirSync(join(dir, `s${i}`));
      const secret = i % 2 ? `"ClientSecret": "abc8Q~${'x'.repeat(34)}", ` : '';
      writeFileSync(join(dir, `s${i}`, 'appsettings.json'), i % 9 ? `{ "AzureAd": { ${secret}"TenantId": "Enter_the_Tenant_Id_Here", "ClientId": "<your-client-id>" } }` : '{ broken');
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const env of [{}, { FORCE_COLOR: '1' }]) {
    it(`prints every finding's line in order, in fewer writes than findings${'FORCE_COLOR' in env ? ' (colours)' : ''}`, async () => {
      const writes: string[] = [];
      const io = { stdout: (s: string) => writes.push(s), stderr: (s: string) => assert.fail(s), env, cwd: dir, isTTY: false, stdin: process.stdin } as CliIO;
      const code = await lintCommand(['.'], io);
      assert.equal(code, 1);

      const host = listingOnceSync(syncNodeHost);
      const results = lintPathsSync(findConfigFilesSync(dir, host), { host });
      const style = pickStyle(false, env);
      const lines = results.flatMap((r) => r.findings.map((f) => `${formatFinding(relative(dir, r.path).split('\\').join('/'), f, style)}\n`));
      const out = writes.join('');
      assert.ok(out.length > 16 * 4 * 1024, `the output spans several pieces: ${out.length}`);
      assert.equal(out.slice(0, out.lastIndexOf('\n', out.length - 2) + 1), lines.join(''));
      assert.match(out, /\d+ errors, \d+ warnings, \d+ infos in 300 files\.\n$/);
      assert.ok(writes.length > 2 && writes.length < lines.length / 10, `${writes.length} writes for ${lines.length} lines`);
    });
  }
});
