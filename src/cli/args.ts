// One option parser for every command: node:util parseArgs, with its errors turned into usage
// errors that never echo a value (a secret or token may have been typed where it does not belong).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io';

/** Keeps quoted option names ('--scope'), masks every other quoted value. */
export function redactArgError(message: string): string {
  return message.replace(/\. To specify.*$/s, '').replace(/'[^']*'/g, (m) => (m.startsWith("'-") ? m : "'…'"));
}

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  help: string,
  allowPositionals: boolean,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError(`${redactArgError((err as Error).message)}\n\n${help}`);
  }
}
