// Reads the extension's settings. `allowedAuthorityHosts` is application-scoped in package.json, so a
// workspace can never widen where secrets are sent; it is still read through inspect() to be explicit.
import * as vscode from 'vscode';
import type { Severity } from '../core/findings';

export const SECTION = 'entraAppDoctor';

export interface LintSettings {
  enabled: boolean;
  severity: Record<string, Severity | 'off'>;
  exclude: string[];
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

export function lintSettings(scope?: vscode.Uri): LintSettings {
  const cfg = vscode.workspace.getConfiguration(SECTION, scope);
  const severity: Record<string, Severity | 'off'> = {};
  const raw = cfg.get<Record<string, unknown>>('lint.severity') ?? {};
  for (const [rule, value] of Object.entries(raw)) {
    if (typeof value === 'string' && SEVERITIES.has(value)) severity[rule] = value as Severity | 'off';
  }
  const exclude = (cfg.get<unknown[]>('lint.exclude') ?? []).filter((g): g is string => typeof g === 'string' && g.trim() !== '');
  return { enabled: cfg.get<boolean>('lint.enable', true), severity, exclude };
}

/** Extra authority hosts the user allowed for token requests: user (global) settings only. */
export function allowedAuthorityHosts(): string[] {
  const info = vscode.workspace.getConfiguration(SECTION).inspect<unknown[]>('allowedAuthorityHosts');
  return (info?.globalValue ?? []).filter((h): h is string => typeof h === 'string' && h.trim() !== '');
}

export function codeLensEnabled(): boolean {
  return vscode.workspace.getConfiguration(SECTION).get<boolean>('codeLens.enable', true);
}
