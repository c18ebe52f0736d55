// Test-mode seams (registered only when the extension runs under a test runner, never when installed):
// what the product emitted — notifications, inspector HTML and messages — and how often the token path
// read SecretStorage, so the in-host secret-hygiene and Restricted Mode suites can check them.
import * as vscode from 'vscode';
import { InspectorPanel } from '../inspector/panel';
import type { HostToWebview } from '../../webview/protocol';

export interface RecordedNotification {
  level: 'info' | 'warning' | 'error';
  message: string;
  items: string[];
}

/** Counts get() calls on the extension's SecretStorage (the token service and the key tracking both read through it). */
export function countingSecrets(inner: vscode.SecretStorage): { secrets: vscode.SecretStorage; reads: () => number } {
  let reads = 0;
  const secrets: vscode.SecretStorage = {
    get: (key) => {
      reads++;
      return inner.get(key);
    },
    store: (key, value) => inner.store(key, value),
    delete: (key) => inner.delete(key),
    onDidChange: inner.onDidChange,
  };
  return { secrets, reads: () => reads };
}

/**
 * Wraps this extension's own window.show*Message (each extension gets its own API object, so the
 * test bundle cannot do it from outside) to record the text and buttons of every notification.
 */
function recordNotifications(): RecordedNotification[] {
  const seen: RecordedNotification[] = [];
  const w = vscode.window as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const [name, level] of [['showInformationMessage', 'info'], ['showWarningMessage', 'warning'], ['showErrorMessage', 'error']] as const) {
    const original = w[name]!.bind(vscode.window);
    w[name] = (message: unknown, ...rest: unknown[]) => {
      const items = rest.map((r) => (typeof r === 'string' ? r : r && typeof r === 'object' && 'title' in r ? String((r as { title: unknown }).title) : r && typeof r === 'object' && 'detail' in r ? String((r as { detail: unknown }).detail) : '')).filter(Boolean);
      seen.push({ level, message: String(message), items });
      return original(message, ...rest);
    };
  }
  return seen;
}

export function registerTestSeams(context: vscode.ExtensionContext, secretReads: () => number): void {
  const notifications = recordNotifications();
  const posted: HostToWebview[] = [];
  InspectorPanel.postedForTests = posted;
  context.subscriptions.push(
    vscode.commands.registerCommand('entraAppDoctor._test.notifications', () => notifications.map((n) => ({ ...n }))),
    vscode.commands.registerCommand('entraAppDoctor._test.inspectorHtml', () => InspectorPanel.current?.panel.webview.html),
    vscode.commands.registerCommand('entraAppDoctor._test.inspectorPosted', () => JSON.parse(JSON.stringify(posted)) as HostToWebview[]),
    // Delivers a message as if the webview had posted it; resolves to false when it was ignored as malformed.
    vscode.commands.registerCommand('entraAppDoctor._test.inspectorReceive', (m: unknown) => InspectorPanel.current?.receive(m)),
    vscode.commands.registerCommand('entraAppDoctor._test.secretReads', () => secretReads()),
    // The extension's log folder: VS Code writes the LogOutputChannel's file there.
    vscode.commands.registerCommand('entraAppDoctor._test.logDir', () => context.logUri.fsPath),
  );
}
