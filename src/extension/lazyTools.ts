// What activation does not need is bundled apart and required on first use (esbuild.mjs resolves the two
// `require`s below to the separate bundles; VS Code 1.90 loads CommonJS, where esbuild cannot split):
// - dist/tools.js, the commands: token client, JWT inspection, inspector, consent URLs, user secrets. Their
//   IDs are registered here, at activation, so the palette, CodeLenses and executeCommand find them as
//   before. Also here, because they must be in place before any command runs: the inspector's serializer
//   (VS Code restores panels at start), the stored-secret key tracking and, in test mode, its read counter.
// - dist/hover.js, the hover texts (scopes, identity values), on the first hover.
// - dist/editor.js, the quick fixes and fix-all, on the first code action request (the cursor in an
//   appsettings file, the light bulb, fix-all; the kinds offered are declared here, codeActionKinds.ts), and
//   the lenses' sections on the first lens request (codeLens.ts).
import * as vscode from 'vscode';
import type { LintController } from './diagnostics';
import { countingSecrets } from './countingSecrets';
import { INSPECTOR_VIEW_TYPE, TOOL_COMMANDS, TOOL_TEST_COMMANDS } from './toolIds';
import type { Handler, Tools } from './tools';

export function registerLazyTools(context: vscode.ExtensionContext): void {
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  // In test mode the token service's SecretStorage counts its reads (Restricted Mode must read none).
  const counted = testMode ? countingSecrets(context.secrets) : undefined;
  const secrets = counted?.secrets ?? context.secrets;
  let tools: Tools | undefined;
  const load = (): Tools => {
    if (!tools) {
      // esbuild.mjs makes this a require of the separate bundle dist/tools.js.
      const { createTools } = require('./tools') as typeof import('./tools');
      tools = createTools({ context, secrets, secretReads: counted?.reads });
    }
    return tools;
  };
  const run = (handler: (t: Tools) => Handler | undefined) => (...args: unknown[]): unknown => handler(load())?.(...(args as never[]));
  context.subscriptions.push(
    { dispose: () => tools?.dispose() },
    ...TOOL_COMMANDS.map((id) => vscode.commands.registerCommand(id, run((t) => t.commands[id]))),
    vscode.window.registerWebviewPanelSerializer(INSPECTOR_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
        load().restoreInspector(panel);
      },
    }),
    context.secrets.onDidChange(async (e) => {
      // Track our keys for "Forget Stored Client Secrets". Telling a store from a delete reads the secret:
      // never in Restricted Mode (a trusted window tracks it; globalState is shared).
      if (!e.key.startsWith('entraAppDoctor.clientSecret:') || !vscode.workspace.isTrusted) return;
      const keys = new Set(context.globalState.get<string[]>('entraAppDoctor.storedSecretKeys', []));
      if (await secrets.get(e.key)) keys.add(e.key);
      else keys.delete(e.key);
      await context.globalState.update('entraAppDoctor.storedSecretKeys', [...keys]);
    }),
  );
  // Seams for the in-host tests only (never registered in an installed extension).
  if (testMode) context.subscriptions.push(...TOOL_TEST_COMMANDS.map((id) => vscode.commands.registerCommand(id, run((t) => t.testCommands?.[id]))));
}

/** The hover provider; its code (and the scope and cloud explanations) loads on the first hover. */
export function lazyHoverProvider(): vscode.HoverProvider {
  let impl: vscode.HoverProvider | undefined;
  return {
    provideHover(document, position, token) {
      impl ??= new (require('./hover') as typeof import('./hover')).EntraHoverProvider();
      return impl.provideHover(document, position, token);
    },
  };
}

/** The code action provider; its code (quick fixes, fix-all, the user-secrets offer) loads on the first request. */
export function lazyCodeActionProvider(lint: LintController): vscode.CodeActionProvider {
  let impl: vscode.CodeActionProvider | undefined;
  return {
    provideCodeActions(document, range, context, token) {
      impl ??= new (require('./editor') as typeof import('./editor')).EntraCodeActionProvider(lint);
      return impl.provideCodeActions(document, range, context, token);
    },
  };
}
