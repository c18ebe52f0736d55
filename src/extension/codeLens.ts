// CodeLens above identity sections (AzureAd…) and downstream API sections: "Acquire App Token" and
// "Admin consent URL". A lens is shown only when its command is registered (the token commands arrive
// separately), so nothing offers an action that does not exist; token requests also need a trusted workspace.
// The provider is registered at activation; finding the sections and building the lenses (lensItems in
// editor.ts, dist/editor.js) loads on the first request, when an appsettings file is shown.
import * as vscode from 'vscode';
import { codeLensEnabled } from './settings';
import { ACQUIRE_TOKEN_COMMAND, CONSENT_URL_COMMAND } from './toolIds';

export { findSections, type SectionRef, type SectionSpan } from './sections';
export { ACQUIRE_TOKEN_COMMAND, CONSENT_URL_COMMAND };

export class EntraCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.#changed.event;
  #commands: Set<string> | undefined;
  readonly #subscriptions: vscode.Disposable[];

  constructor() {
    this.#subscriptions = [
      this.#changed,
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('entraAppDoctor.codeLens') && this.#changed.fire()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.#changed.fire()),
      // Other parts of the extension (or a later activation) may register the token command.
      vscode.extensions.onDidChange(() => this.refreshCommands()),
    ];
  }

  refreshCommands(): void {
    this.#commands = undefined;
    this.#changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!codeLensEnabled()) return [];
    // Re-read the command list while the token command is missing: it may be registered after activation.
    if (!this.#commands?.has(ACQUIRE_TOKEN_COMMAND)) this.#commands = new Set(await vscode.commands.getCommands(true));
    const canAcquire = this.#commands.has(ACQUIRE_TOKEN_COMMAND) && vscode.workspace.isTrusted;
    const canConsent = this.#commands.has(CONSENT_URL_COMMAND);
    if (!canAcquire && !canConsent) return [];
    // esbuild.mjs makes this a require of the separate bundle dist/editor.js.
    const { lensItems } = require('./editor') as typeof import('./editor');
    return lensItems(document, { [ACQUIRE_TOKEN_COMMAND]: canAcquire, [CONSENT_URL_COMMAND]: canConsent });
  }

  dispose(): void {
    this.#subscriptions.forEach((d) => d.dispose());
  }
}
