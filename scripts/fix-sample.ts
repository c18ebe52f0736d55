// Applies the linter's preferred fixes to the appsettings*.json files of a folder — the edits the
// VS Code quick fixes make — and prints what changed. Used by `npm start` on a copy of the sample.
//   node --import tsx scripts/fix-sample.ts <folder>
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyTextEdits, findConfigFiles, lintPaths } from '../src/core/lint';
import type { TextEdit } from '../src/core/findings';

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir || !fs.existsSync(dir)) {
    process.stderr.write('fix-sample: give the folder to fix\n');
    process.exit(2);
  }
  for (const { path: file, findings } of await lintPaths(await findConfigFiles(path.resolve(dir)))) {
    const edits: TextEdit[] = [];
    for (const f of findings) {
      const fix = f.fixes?.find((x) => x.isPreferred) ?? f.fixes?.[0];
      if (!fix) continue;
      edits.push(...fix.edits);
      process.stdout.write(`  ${path.basename(file)}:${f.range.start.line + 1}  ${f.ruleId}: ${fix.title}\n`);
    }
    if (edits.length) fs.writeFileSync(file, applyTextEdits(fs.readFileSync(file, 'utf8'), edits));
  }
}

void main();
