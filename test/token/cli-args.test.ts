// The CLI's option parser takes a fast path for plain command lines and leaves everything else to node:util
// parseArgs: on any command line it must give parseArgs' result, or a usage error where parseArgs throws.
import * as assert from 'node:assert/strict';
import { parseArgs } from 'node:util';
import * as fc from 'fast-check';
import { parseCommandArgs } from '../../src/cli/args';
import { UsageError } from '../../src/cli/io';

const OPTIONS = {
  config: { type: 'string' },
  scope: { type: 'string', multiple: true },
  'client-id': { type: 'string' },
  'secret-env': { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const WORDS = ['--config', '--scope', '--client-id', '--secret-env', '--json', '--verbose', '--help', '-h', '--', '-', '--nope', '--json=1', '--scope=a b', '--config=', '-x', 'value', '', 'api://x/.default', '-v', '--=x'];
const arg = fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 }));

function reference(args: string[], allowPositionals: boolean): { values: unknown; positionals: string[] } | 'error' {
  try {
    const r = parseArgs({ args, options: OPTIONS, allowPositionals, strict: true });
    return { values: { ...r.values }, positionals: r.positionals };
  } catch {
    return 'error';
  }
}

function ours(args: string[], allowPositionals: boolean): { values: unknown; positionals: string[] } | 'error' {
  try {
    const r = parseCommandArgs(args, OPTIONS, 'HELP', allowPositionals);
    return { values: { ...r.values }, positionals: r.positionals };
  } catch (err) {
    assert.ok(err instanceof UsageError, String(err));
    return 'error';
  }
}

describe('CLI option parsing (fast path and node:util parseArgs)', () => {
  it('gives parseArgs’ result on plain command lines', () => {
    const args = ['--client-id', 'abc', '--scope', 'api://x/.default', '--scope=two', '--json', '--secret-env', 'MY_SECRET', '--config='];
    assert.deepEqual(ours(args, false), reference(args, false));
    assert.deepEqual(ours(['a', '--json', 'b'], true), { values: { json: true }, positionals: ['a', 'b'] });
  });

  it('agrees with parseArgs on 20,000 random command lines, with and without positionals', () => {
    fc.assert(
      fc.property(fc.array(arg, { maxLength: 7 }), fc.boolean(), (args, allow) => {
        assert.deepEqual(ours(args, allow), reference(args, allow));
      }),
      { numRuns: 20_000 },
    );
  });

  it('rejects misuse with parseArgs’ message, without echoing the value', () => {
    assert.throws(
      () => parseCommandArgs(['--secret-env'], OPTIONS, 'HELP', false),
      (e: unknown) => e instanceof UsageError && /--secret-env <value>' argument missing/.test(e.message),
    );
    assert.throws(
      () => parseCommandArgs(['--json=TopSecretValue1'], OPTIONS, 'HELP', false),
      (e: unknown) => e instanceof UsageError && /does not take an argument/.test(e.message) && !e.message.includes('TopSecretValue1'),
    );
    assert.throws(
      () => parseCommandArgs(['TopSecretValue2'], OPTIONS, 'HELP', false),
      (e: unknown) => e instanceof UsageError && !e.message.includes('TopSecretValue2'),
    );
  });
});
