// `entra-doctor lint [paths…] [--format text|json|sarif]`: exit 0 clean or warnings, 1 errors, 2 usage/IO.
import { statSync, type Stats } from 'node:fs';
import { basename, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeUnreadableSync, syncNodeHost } from '../../core/config/host';
import { findConfigFilesSync, lintPathsSync, listingOnceSync, type FileFindings } from '../../core/lint';
import { CliIO, EXIT_FINDINGS_OR_ENTRA, EXIT_OK, EXIT_USAGE, UsageError } from '../io';
import { parseCommandArgs } from '../args';
import { toSarif } from '../format/sarif';
import { terminalSafe } from '../format/safe';
import { formatFinding, pickStyle, plural } from '../format/text';

const HELP = `Usage: entra-doctor lint [paths…] [--format text|json|sarif]

Lints appsettings*.json files. Folders are searched for appsettings*.json,
skipping node_modules, bin, obj and .git. Without paths, the current folder.

Options:
  --format text|json|sarif   output format (default: text)
  -h, --help                 show this help

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage or I/O error.
`;

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

function parse(args: string[]): { paths: string[]; format: Format; help: boolean } {
  const parsed = parseCommandArgs(
    args,
    { format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } },
    HELP,
    true,
  );
  const format = (parsed.values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${format}' (use text, json or sarif)`);
  return { paths: parsed.positionals, format, help: parsed.values.help === true };
}

/** Display paths are asked for once per finding: worked out once per path (per run, so nothing accumulates). */
function displayCache(cwd: string): (path: string) => string {
  const shown = new Map<string, string>();
  return (path) => {
    let s = shown.get(path);
    if (s === undefined) {
      s = displayPath(cwd, path);
      shown.set(path, s);
    }
    return s;
  };
}

function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel.split(sep).join('/') : path;
}

/** Findings by severity, counted in one pass (infos include hints). */
function summarize(results: FileFindings[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const r of results) {
    for (const f of r.findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else if (f.severity === 'info' || f.severity === 'hint') infos++;
    }
  }
  return { errors, warnings, infos };
}

/**
 * Characters of text output gathered before a write. Small enough that writing still goes along with the
 * formatting: a reader that goes away early (`lint | head`) is seen as EPIPE (exit 2) as it was with a
 * write per finding, rather than the rest of a large report fitting in the pipe at once.
 */
const TEXT_PIECE = 4 * 1024;

/** Files per JSON.stringify call when the report is written in pieces. */
const FILES_PER_PIECE = 64;
const JSON_HEAD = '{\n  "files": [\n    ';
const JSON_FILES_END = '\n  ]\n}';

/**
 * Writes `JSON.stringify({ files, summary }, null, 2)` and a newline, in pieces: the stringified files of
 * each slice are cut out of `{ files: slice }`, which indents them as the whole report does. Built whole,
 * the report (5 MB for 2,000 files) was a string of parts the GC copied as it grew, then a flat 10 MB
 * copy to encode; a piece is written and dropped before the next.
 */
export function writeJsonReport(io: CliIO, files: { path: string; findings: unknown[] }[], summary: Record<string, number>): void {
  if (files.length === 0) {
    io.stdout(`${JSON.stringify({ files, summary }, null, 2)}\n`);
    return;
  }
  for (let i = 0; i < files.length; i += FILES_PER_PIECE) {
    const piece = JSON.stringify({ files: files.slice(i, i + FILES_PER_PIECE) }, null, 2);
    const items = piece.slice(JSON_HEAD.length, piece.length - JSON_FILES_END.length);
    io.stdout(i === 0 ? JSON_HEAD + items : `,\n    ${items}`);
  }
  // '{\n  "summary": …\n}' without its opening line: the report's last member.
  io.stdout(`\n  ],\n  ${JSON.stringify({ summary }, null, 2).slice(4)}\n`);
}

export async function lintCommand(args: string[], io: CliIO): Promise<number> {
  const { paths, format, help } = parse(args);
  const display = displayCache(io.cwd);
  if (help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  // One process, one run: synchronous reads (same checks as the extension's host), each folder listed once.
  const host = listingOnceSync(syncNodeHost);
  const files: string[] = [];
  for (const p of paths.length ? paths : ['.']) {
    const abs = resolve(io.cwd, p);
    let info: Stats | undefined;
    try {
      info = statSync(abs);
    } catch {
      info = undefined;
    }
    if (!info) {
      const why = describeUnreadableSync(abs);
      io.stderr(`entra-doctor lint: ${terminalSafe(p)}: ${!why || why === 'no such file' ? 'no such file or folder' : why}\n`);
      return EXIT_USAGE;
    }
    if (info.isDirectory()) files.push(...findConfigFilesSync(abs, host));
    else files.push(abs);
  }
  const unique = [...new Set(files)];
  const results = lintPathsSync(unique, { host });
  const unreadable = results.filter((r) => r.error);
  // r.error names the file and says why (a folder, a pipe, over the size limit…): print it as is.
  for (const r of unreadable) {
    const why = r.error?.startsWith(`${basename(r.path)} `) ? r.error.slice(basename(r.path).length + 1) : r.error;
    io.stderr(`entra-doctor lint: ${terminalSafe(display(r.path))}: ${terminalSafe(why ?? 'cannot be read')}\n`);
  }

  const summary = summarize(results);

  if (format === 'json') {
    // The findings are this run's own: their paths are rewritten in place (same key order) rather than copied.
    const rel = (r: FileFindings) => {
      // A finding is nearly always in the file it was reported for: its shown path without a lookup.
      const shown = display(r.path);
      for (const f of r.findings) f.file = f.file === r.path ? shown : display(f.file);
      return { path: shown, findings: r.findings };
    };
    writeJsonReport(io, results.filter((r) => !r.error).map(rel), summary);
  } else if (format === 'sarif') {
    const sarif = toSarif(
      results.filter((r) => !r.error).map((r) => ({ uri: display(r.path), findings: r.findings })),
      pathToFileURL(io.cwd).href,
      '0.1.0',
    );
    io.stdout(`${JSON.stringify(sarif, null, 2)}\n`);
  } else {
    const style = pickStyle(io.isTTY, io.env);
    // Lines gathered into writes of about 4 KB: a write per finding was a system call per finding.
    let lines = '';
    for (const r of results) {
      const shown = display(r.path);
      for (const f of r.findings) {
        lines += `${formatFinding(shown, f, style)}\n`;
        if (lines.length >= TEXT_PIECE) {
          io.stdout(lines);
          lines = '';
        }
      }
    }
    if (lines) io.stdout(lines);
    const total = summary.errors + summary.warnings + summary.infos;
    const counts = `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')}`;
    const linted = unique.length - unreadable.length;
    // A check mark only when every file was actually read.
    const skipped = unreadable.length ? ` (${plural(unreadable.length, 'file')} not read, see above)` : '';
    io.stdout(
      unique.length === 0
        ? 'No appsettings*.json files found.\n'
        : `${total || unreadable.length ? '' : '✔ '}${counts} in ${plural(linted, 'file')}${skipped}.\n`,
    );
  }
  if (unreadable.length) return EXIT_USAGE;
  return summary.errors > 0 ? EXIT_FINDINGS_OR_ENTRA : EXIT_OK;
}
