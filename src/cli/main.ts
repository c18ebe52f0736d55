// `entra-doctor`: the same core as the extension, for terminals and CI.
import { fstatSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { EXIT_USAGE } from './io';
import { runCli } from './run';

// A reader that goes away (`entra-doctor lint | head`) makes the next write fail with EPIPE; without a
// handler Node dies with a stack trace. Stop quietly instead, with the I/O exit code.
function guarded(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(EXIT_USAGE);
    throw err;
  });
  return stream;
}

// process.stdout and process.stderr are created on first use (a stream each, a socket for a pipe: ~1 ms
// together on a cold start), and a run that succeeds never writes to stderr.
let out: NodeJS.WriteStream | undefined;
let err: NodeJS.WriteStream | undefined;

/**
 * Whether stdout is a file or a device other than a terminal (`> report.json`, /dev/null): there Node's
 * process.stdout is a stream that calls writeSync for each write, after converting the text to a Buffer.
 * Calling writeSync directly writes the same bytes without the stream (~5 ms over a 5 MB JSON report).
 */
function stdoutIsFile(): boolean {
  try {
    const info = fstatSync(1);
    return info.isFile() || (info.isCharacterDevice() && !isatty(1));
  } catch {
    return false;
  }
}

let toFile: boolean | undefined;

runCli(process.argv.slice(2), {
  stdout: (s) => ((toFile ??= stdoutIsFile()) ? writeSync(1, s) : (out ??= guarded(process.stdout)).write(s)),
  stderr: (s) => (err ??= guarded(process.stderr)).write(s),
  env: process.env,
  cwd: process.cwd(),
  // What process.stdout.isTTY says, without creating the stream.
  isTTY: isatty(1),
  // Only a prompt reads stdin: creating the stream up front cost every run a few milliseconds.
  get stdin() {
    return process.stdin;
  },
}).then(
  (code) => {
    process.exitCode = code;
    // A lint run whose output all went through writeSync has nothing in flight: ending here skips
    // Node's teardown of the environment and the heap (~35M instructions after the 2,000-file run).
    if (toFile && !err && process.argv[2] === 'lint') process.exit(code);
  },
  (e: unknown) => {
    // Last-resort guard: never show a stack trace to the user.
    (err ??= guarded(process.stderr)).write(`entra-doctor: unexpected failure: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
