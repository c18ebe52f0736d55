// The "Entra App Doctor" LogOutputChannel. Token requests log through the core client, whose lines
// are already redacted; everything else written here goes through redactPatterns as a second guard.
// The last lines are also kept in memory so the in-host tests can check that no secret got through.
import * as vscode from 'vscode';
import { redactPatterns } from '../../core/token';

export const LOG_NAME = 'Entra App Doctor';
const KEEP = 500;

let channel: vscode.LogOutputChannel | undefined;
const recent: string[] = [];

function out(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel(LOG_NAME, { log: true });
  return channel;
}

function remember(line: string): string {
  const safe = redactPatterns(line);
  recent.push(safe);
  if (recent.length > KEEP) recent.splice(0, recent.length - KEEP);
  return safe;
}

export const log = {
  info: (line: string): void => out().info(remember(line)),
  warn: (line: string): void => out().warn(remember(line)),
  error: (line: string): void => out().error(remember(line)),
  show: (): void => out().show(true),
};

export function recentLogLines(): string[] {
  return [...recent];
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
