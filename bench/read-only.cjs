// Baseline for the CLI lint row: a node process that only finds and reads the same files (no parsing).
const fs = require('node:fs');
const path = require('node:path');
let files = 0;
let bytes = 0;
function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile() && !e.name.startsWith('.')) {
      bytes += fs.readFileSync(p).length;
      files++;
    }
  }
}
walk(process.argv[2]);
process.stdout.write(`${files} files, ${bytes} bytes\n`);
