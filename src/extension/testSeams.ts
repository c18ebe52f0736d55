// Test-mode seams (registered only when the extension runs under a test runner, never when installed):
// what the product emitted — notifications, inspector HTML and messages, log lines — and how often the
// token path read SecretStorage, so the in-host secret-hygiene and Restricted Mode suites can check them.
// Every notification comes from this bundle's commands, so recording starts when dist/tools.js loads.
import * as vscode from 'vscode';
import { InspectorPanel } from './inspector/panel';
import type { TokenService } from './token/acquire';
import { recentLogLines } from './token/log';
import type { SecretKey } from './token/secretStore';
import type { ToolTestCommand } from './toolIds';
import type { Handler } from './tools';
import type { HostToWebview } from '../webview/protocol';

export interface RecordedNotification {
  level: 'info' | 'warning' | 'error';
  message: string;
  items: string[];
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

export function testSeams(context: vscode.ExtensionContext, service: TokenService, secretReads: () => number): Record<ToolTestCommand, Handler> {
  const notifications = recordNotifications();
  // Every message posted to any inspector webview, for the leak scan (no panel exists before this bundle loads).
  const posted: HostToWebview[] = [];
  InspectorPanel.postedForTests = posted;
  return {
    'entraAppDoctor._test.notifications': () => notifications.map((n) => ({ ...n })),
    'entraAppDoctor._test.secretReads': () => secretReads(),
    // The extension's log folder: VS Code writes the LogOutputChannel's file there.
    'entraAppDoctor._test.logDir': () => context.logUri.fsPath,
    'entraAppDoctor._test.storeSecret': (k: SecretKey, value: string) => service.store.store(k, value),
    'entraAppDoctor._test.hasStoredSecret': async (k: SecretKey) => (await service.store.get(k)) !== undefined,
    'entraAppDoctor._test.inspectorModel': () => InspectorPanel.current?.lastModel,
    'entraAppDoctor._test.inspectorApiResult': () => InspectorPanel.current?.lastApiResult,
    'entraAppDoctor._test.inspectorHtml': () => InspectorPanel.current?.panel.webview.html,
    'entraAppDoctor._test.inspectorPosted': () => JSON.parse(JSON.stringify(posted)) as HostToWebview[],
    // Delivers a message as if the webview had posted it; resolves to false when it was ignored as malformed.
    'entraAppDoctor._test.inspectorReceive': (m: unknown) => InspectorPanel.current?.receive(m),
    'entraAppDoctor._test.logLines': () => recentLogLines(),
    'entraAppDoctor._test.clearTokenCache': () => service.client.clearCache(),
  };
}
