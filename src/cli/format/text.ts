// Terminal output: file:line:col  severity  rule  message — colour only on a TTY, NO_COLOR honoured.
import type { Finding, Severity } from '../../core/findings';
import { terminalSafe } from './safe';

export interface Style {
  severity(s: Severity, text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const plain: Style = { severity: (_s, t) => t, dim: (t) => t, bold: (t) => t };
const SGR: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '90' };
const ansi: Style = {
  severity: (s, t) => `\x1b[${SGR[s]}m${t}\x1b[39m`,
  dim: (t) => `\x1b[2m${t}\x1b[22m`,
  bold: (t) => `\x1b[1m${t}\x1b[22m`,
};

/** https://no-color.org: any non-empty NO_COLOR disables colour; FORCE_COLOR enables it off a TTY. */
export function pickStyle(isTTY: boolean, env: NodeJS.ProcessEnv): Style {
  if (env.NO_COLOR) return plain;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return ansi;
  return isTTY && env.TERM !== 'dumb' ? ansi : plain;
}

export function formatFinding(displayPath: string, f: Finding, style: Style): string {
  const where = `${displayPath}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
  const fix = f.fixes?.length ? style.dim(' (fix available)') : '';
  // Messages quote values from the (possibly hostile) file; file names too can hold control characters.
  return `${terminalSafe(where)}  ${style.severity(f.severity, f.severity.padEnd(7))}  ${style.dim(f.ruleId)}  ${terminalSafe(f.message)}${fix}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
