// `entra-doctor`: the same core as the extension, for terminals and CI.
import { EXIT_USAGE } from './io';
import { runCli } from './run';

// A reader that goes away (`entra-doctor lint | head`) makes the next write fail with EPIPE; without a
// handler Node dies with a stack trace. Stop quietly instead, with the I/O exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(EXIT_USAGE);
    throw err;
  });
}

runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY),
  // Only a prompt reads stdin: creating the stream up front cost every run a few milliseconds.
  get stdin() {
    return process.stdin;
  },
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
