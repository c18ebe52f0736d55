// One option parser for every command: node:util parseArgs, with its errors turned into usage
// errors that never echo a value (a secret or token may have been typed where it does not belong).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io';

/** Keeps quoted option names ('--scope'), masks every other quoted value. */
export function redactArgError(message: string): string {
  return message.replace(/\. To specify.*$/s, '').replace(/'[^']*'/g, (m) => (m.startsWith("'-") ? m : "'…'"));
}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<T extends Options>(args: string[], options: T, help: string, allowPositionals: boolean) {
  const fast = parseSimple(args, options, allowPositionals) as ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: boolean; strict: true }>> | undefined;
  if (fast) return fast;
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError(`${redactArgError((err as Error).message)}\n\n${help}`);
  }
}

/**
 * What parseArgs (strict) returns for the plain, well-formed command lines — known long options as `--name value`,
 * `--name=value` or `--flag`, values that do not start with '-', positionals where allowed — or undefined for
 * anything else (short options, '--', an unknown or misused option…), which parseArgs then parses or rejects
 * with its own message. Loading parseArgs cost a cold `entra-doctor token` about a millisecond.
 */
function parseSimple(args: string[], options: Options, allowPositionals: boolean): { values: Record<string, string | boolean | string[]>; positionals: string[] } | undefined {
  const values = Object.create(null) as Record<string, string | boolean | string[]>;
  const positionals: string[] = [];
  const set = (name: string, value: string | boolean): void => {
    if (options[name]!.multiple) ((values[name] ??= []) as (string | boolean)[]).push(value);
    else values[name] = value;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-')) {
      if (!allowPositionals) return undefined;
      positionals.push(arg);
      continue;
    }
    if (!arg.startsWith('--') || arg === '--') return undefined;
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (!Object.prototype.hasOwnProperty.call(options, name)) return undefined;
    const type = options[name]!.type;
    if (type === 'boolean') {
      if (eq >= 0) return undefined;
      set(name, true);
    } else if (eq >= 0) {
      set(name, arg.slice(eq + 1));
    } else {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('-')) return undefined;
      set(name, value);
      i++;
    }
  }
  return { values, positionals };
}
