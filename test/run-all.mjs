// `npm test` after type-check and build: every mocha suite (unit, CLI, emulator, browser and
// code-server end-to-end), ending with the line CI reads: "N passed, N failed".
import { spawnSync } from 'node:child_process';

const result = spawnSync(process.execPath, ['node_modules/mocha/bin/mocha.js', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
