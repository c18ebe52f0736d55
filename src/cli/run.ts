import { CliIO, EXIT_USAGE, isUsageError } from './io';
import { terminalSafe } from './format/safe';

type Command = (args: string[], io: CliIO) => Promise<number>;

// Each command is loaded when it runs: a one-shot process then compiles and evaluates only what that command
// needs (`token` never loads the 22 lint rules, `lint` never loads node:https, jose or the AADSTS catalogue).
// In the build each is its own bundle, dist/cli-<name>.js (esbuild.mjs).
const commands: Record<string, { load: () => Promise<Command>; summary: string }> = {
  lint: { load: async () => (await import('./commands/lint')).lintCommand, summary: 'lint appsettings*.json files or folders' },
  token: { load: async () => (await import('./commands/token')).tokenCommand, summary: 'acquire an app-only token (client credentials) and explain it' },
  decode: { load: async () => (await import('./commands/decode')).decodeCommand, summary: 'decode and explain a JWT access token' },
  'consent-url': { load: async () => (await import('./commands/consent-url')).consentUrlCommand, summary: 'build the admin-consent URL for an app' },
};

export function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return `Usage: entra-doctor <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'entra-doctor <command> --help' for a command's options.\n`;
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : EXIT_USAGE;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    // Repeat it only when it looks like a command word: a pasted secret or token must not be echoed.
    const shown = /^[a-z][a-z0-9-]{0,24}$/i.test(name) ? ` '${name}'` : '';
    io.stderr(`entra-doctor: unknown command${shown}.\n\n${usage()}`);
    return EXIT_USAGE;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (err) {
    if (isUsageError(err)) {
      io.stderr(`entra-doctor ${name}: ${terminalSafe(err.message)}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.1.0';
