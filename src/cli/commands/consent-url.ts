import { CliIO, EXIT_USAGE } from '../io';

/** Placeholder until this command lands; says so plainly instead of pretending. */
export async function consentUrlCommand(_args: string[], io: CliIO): Promise<number> {
  io.stderr('entra-doctor: this command is not available yet.\n');
  return EXIT_USAGE;
}
