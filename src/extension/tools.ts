// Entry of dist/tools.js: the commands that need the token client, JWT inspection, the token inspector,
// admin-consent URLs and user secrets. dist/extension.js registers their IDs at activation and requires
// this bundle on the first of them (lazyTools.ts), so VS Code's start compiles only the linter.
// Everything with state — token cache, inspector panel, log channel — lives in this bundle only; what
// the activation bundle owns (the SecretStorage it counts in test mode) is passed in.
import * as vscode from 'vscode';
import { showConsentUrl } from './consent';
import { callWebApiCommand, decodeJwtCommand, generateConsentUrlCommand } from './inspector/commands';
import { InspectorPanel, restoreInspector, setInspectorBase } from './inspector/panel';
import { moveSecretToUserSecrets } from './moveSecret';
import { AcquireFlow, TokenService } from './token/acquire';
import { copyRequestCommand } from './token/curl';
import { disposeLog, log } from './token/log';
import { testSeams } from './testSeams';
import { ACQUIRE_TOKEN_COMMAND, CONSENT_URL_COMMAND, MOVE_SECRET_COMMAND, type ToolCommand, type ToolTestCommand } from './toolIds';

/** A command handler; its arguments are whatever the caller of executeCommand passed (checked by each handler). */
export type Handler = (...args: never[]) => unknown;

export interface ToolsDeps {
  context: vscode.ExtensionContext;
  /** The SecretStorage the token service reads: in test mode the counting wrapper made at activation. */
  secrets: vscode.SecretStorage;
  /** Test mode: how often that wrapper was read. */
  secretReads?: () => number;
}

export interface Tools {
  commands: Record<ToolCommand, Handler>;
  /** Seams for the in-host tests; only when the extension runs under a test runner. */
  testCommands?: Record<ToolTestCommand, Handler>;
  /** An inspector panel VS Code restored after a reload. */
  restoreInspector(panel: vscode.WebviewPanel): void;
  dispose(): void;
}

export function createTools({ context, secrets, secretReads }: ToolsDeps): Tools {
  const service = new TokenService(secrets);
  const flow = new AcquireFlow(service);
  setInspectorBase(context.extensionUri);
  const commands: Record<ToolCommand, Handler> = {
    [ACQUIRE_TOKEN_COMMAND]: (arg?: unknown, opts?: { forceRefresh?: boolean }) => flow.run(arg, { forceRefresh: opts?.forceRefresh === true }),
    [CONSENT_URL_COMMAND]: showConsentUrl,
    [MOVE_SECRET_COMMAND]: moveSecretToUserSecrets,
    'entraAppDoctor.copyTokenRequestAsCurl': (arg?: unknown, form?: unknown) => copyRequestCommand(arg, form === 'curl' || form === 'http' ? form : undefined),
    'entraAppDoctor.decodeJwt': (arg?: unknown) => decodeJwtCommand(arg),
    'entraAppDoctor.generateAdminConsentUrl': (arg?: unknown) => generateConsentUrlCommand(arg),
    'entraAppDoctor.callWebApi': (arg?: unknown) => callWebApiCommand(flow, arg),
    'entraAppDoctor.forgetStoredSecret': async () => {
      service.client.clearCache();
      // Keys are per authority/tenant/client; SecretStorage cannot list them, so the known ones are tracked.
      const keys = context.globalState.get<string[]>('entraAppDoctor.storedSecretKeys', []);
      for (const k of keys) await context.secrets.delete(k);
      await context.globalState.update('entraAppDoctor.storedSecretKeys', []);
      log.info(`Forgot ${keys.length} stored client secret(s) and the token cache.`);
      void vscode.window.showInformationMessage(`Entra App Doctor: forgot ${keys.length} stored client secret(s) and cleared cached tokens.`);
    },
  };
  // Seams for the in-host tests only (never in an installed extension).
  const testCommands = context.extensionMode === vscode.ExtensionMode.Test ? testSeams(context, service, secretReads ?? (() => 0)) : undefined;
  return {
    commands,
    testCommands,
    restoreInspector: (panel) => restoreInspector(panel, context.extensionUri),
    dispose: () => {
      disposeLog();
      InspectorPanel.current?.panel.dispose();
    },
  };
}
