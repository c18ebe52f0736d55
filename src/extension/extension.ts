// Entry of the VS Code extension (bundled to dist/extension.js). Activation only wires things up:
// the workspace scan starts after activate() returns, so it never sits on the activation path.
import * as vscode from 'vscode';
import { EntraCodeActionProvider } from './codeActions';
import { CONSENT_URL_COMMAND, EntraCodeLensProvider } from './codeLens';
import { showConsentUrl } from './consent';
import { LintController } from './diagnostics';
import { EntraHoverProvider } from './hover';
import { FindingsStatus } from './statusBar';
import { registerTokenTools } from './token/index';
import { MOVE_SECRET_COMMAND, moveSecretToUserSecrets } from './userSecrets';

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
    vscode.languages.registerCodeActionsProvider(APPSETTINGS_SELECTOR, new EntraCodeActionProvider(lint), EntraCodeActionProvider.metadata),
    vscode.languages.registerHoverProvider(APPSETTINGS_SELECTOR, new EntraHoverProvider()),
    vscode.languages.registerCodeLensProvider(APPSETTINGS_SELECTOR, lenses),
    vscode.commands.registerCommand(CONSENT_URL_COMMAND, showConsentUrl),
    vscode.commands.registerCommand(MOVE_SECRET_COMMAND, moveSecretToUserSecrets),
  );
  registerTokenTools(context);
  lint.start();
  return { whenScanned: () => lint.scanDone };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
