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

export class UsageError extends Error {}
