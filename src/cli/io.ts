/** What a CLI command may touch; injected so tests can run commands in-process. */
export interface CliIO {
  stdout(s: string): void;
  stderr(s: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  isTTY: boolean;
  stdin: NodeJS.ReadableStream;
}

/** Exit codes fixed by DESIGN.md. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS_OR_ENTRA = 1;
export const EXIT_USAGE = 2;

const USAGE_ERROR = Symbol.for('entra-doctor.usage-error');

export class UsageError extends Error {
  readonly [USAGE_ERROR] = true;
}

/**
 * Each command is its own bundle (dist/cli-<name>.js) with its own copy of UsageError, so the dispatcher
 * recognises one by its mark rather than by `instanceof`.
 */
export function isUsageError(err: unknown): err is UsageError {
  return typeof err === 'object' && err !== null && (err as { [USAGE_ERROR]?: unknown })[USAGE_ERROR] === true;
}
