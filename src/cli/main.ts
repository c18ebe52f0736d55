// `entra-doctor`: the same core as the extension, for terminals and CI.
import { runCli } from './run';

runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY),
  stdin: process.stdin,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Last-resort guard: never show a stack trace to the user.
    process.stderr.write(`entra-doctor: unexpected failure: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
