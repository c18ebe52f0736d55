// Entry of the VS Code extension (bundled to dist/extension.js). Activation only wires things up:
// the workspace scan starts after activate() returns, so it never sits on the activation path, and the
// commands', hovers', code actions' and lenses' code (dist/tools.js, dist/hover.js, dist/editor.js) loads when first used.
import * as vscode from 'vscode';
import { CODE_ACTION_METADATA } from './codeActionKinds';
import { EntraCodeLensProvider } from './codeLens';
import { LintController } from './diagnostics';
import { lazyCodeActionProvider, lazyHoverProvider, registerLazyTools } from './lazyTools';
import { FindingsStatus } from './statusBar';

/** appsettings*.json, whatever language mode the user picked for it (json or jsonc). */
export const APPSETTINGS_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'json', pattern: '**/appsettings*.json' },
  { scheme: 'file', language: 'jsonc', pattern: '**/appsettings*.json' },
];

/** What tests (and other extensions) may rely on. */
export interface EntraAppDoctorApi {
  /** Resolves when the background lint of the workspace has finished. */
  whenScanned(): Promise<void>;
}

export function activate(context: vscode.ExtensionContext): EntraAppDoctorApi {
  const lint = new LintController();
  const lenses = new EntraCodeLensProvider();
  context.subscriptions.push(
    lint,
    lenses,
    new FindingsStatus(lint),
    vscode.languages.registerCodeActionsProvider(APPSETTINGS_SELECTOR, lazyCodeActionProvider(lint), CODE_ACTION_METADATA),
    vscode.languages.registerHoverProvider(APPSETTINGS_SELECTOR, lazyHoverProvider()),
    vscode.languages.registerCodeLensProvider(APPSETTINGS_SELECTOR, lenses),
  );
  // The commands (tokens, inspector, consent URL, user secrets) load dist/tools.js when first run.
  registerLazyTools(context);
  lint.start();
  return { whenScanned: () => lint.scanDone };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
