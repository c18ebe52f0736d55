// Registers the token tools: Acquire App Token (also the CodeLens command), Copy Request as curl,
// Decode JWT, Generate Admin Consent URL, Call Web API, the token inspector and its serializer.
import * as vscode from 'vscode';
import { ACQUIRE_TOKEN_COMMAND } from '../codeLens';
import { callWebApiCommand, decodeJwtCommand, generateConsentUrlCommand } from '../inspector/commands';
import { InspectorPanel, registerInspector } from '../inspector/panel';
import { AcquireFlow, TokenService } from './acquire';
import { copyRequestCommand } from './curl';
import { disposeLog, log, recentLogLines } from './log';
import type { SecretKey } from './secretStore';
import { countingSecrets, registerTestSeams } from './testSeams';

export const TOKEN_COMMANDS = {
  acquire: ACQUIRE_TOKEN_COMMAND,
  copyCurl: 'entraAppDoctor.copyTokenRequestAsCurl',
  decodeJwt: 'entraAppDoctor.decodeJwt',
  consentUrl: 'entraAppDoctor.generateAdminConsentUrl',
  callApi: 'entraAppDoctor.callWebApi',
  forgetSecrets: 'entraAppDoctor.forgetStoredSecret',
} as const;

export function registerTokenTools(context: vscode.ExtensionContext): void {
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  // In test mode the token service's SecretStorage counts its reads (Restricted Mode must read none).
  const counted = testMode ? countingSecrets(context.secrets) : undefined;
  const service = new TokenService(counted?.secrets ?? context.secrets);
  const flow = new AcquireFlow(service);
  registerInspector(context);
  context.subscriptions.push(
    { dispose: disposeLog },
    vscode.commands.registerCommand(TOKEN_COMMANDS.acquire, (arg?: unknown, opts?: { forceRefresh?: boolean }) => flow.run(arg, { forceRefresh: opts?.forceRefresh === true })),
    vscode.commands.registerCommand(TOKEN_COMMANDS.copyCurl, (arg?: unknown, form?: unknown) => copyRequestCommand(arg, form === 'curl' || form === 'http' ? form : undefined)),
    vscode.commands.registerCommand(TOKEN_COMMANDS.decodeJwt, (arg?: unknown) => decodeJwtCommand(arg)),
    vscode.commands.registerCommand(TOKEN_COMMANDS.consentUrl, (arg?: unknown) => generateConsentUrlCommand(arg)),
    vscode.commands.registerCommand(TOKEN_COMMANDS.callApi, (arg?: unknown) => callWebApiCommand(flow, arg)),
    vscode.commands.registerCommand(TOKEN_COMMANDS.forgetSecrets, async () => {
      service.client.clearCache();
      // Keys are per authority/tenant/client; SecretStorage cannot list them, so the known ones are tracked.
      const keys = context.globalState.get<string[]>('entraAppDoctor.storedSecretKeys', []);
      for (const k of keys) await context.secrets.delete(k);
      await context.globalState.update('entraAppDoctor.storedSecretKeys', []);
      log.info(`Forgot ${keys.length} stored client secret(s) and the token cache.`);
      void vscode.window.showInformationMessage(`Entra App Doctor: forgot ${keys.length} stored client secret(s) and cleared cached tokens.`);
    }),
    context.secrets.onDidChange(async (e) => {
      // Track our keys for "Forget Stored Client Secrets". Telling a store from a delete reads the secret:
      // never in Restricted Mode (a trusted window tracks it; globalState is shared).
      if (!e.key.startsWith('entraAppDoctor.clientSecret:') || !vscode.workspace.isTrusted) return;
      const keys = new Set(context.globalState.get<string[]>('entraAppDoctor.storedSecretKeys', []));
      if (await (counted?.secrets ?? context.secrets).get(e.key)) keys.add(e.key);
      else keys.delete(e.key);
      await context.globalState.update('entraAppDoctor.storedSecretKeys', [...keys]);
    }),
  );
  if (testMode) {
    // Seams for the in-host tests only (never registered in an installed extension).
    registerTestSeams(context, () => counted?.reads() ?? 0);
    context.subscriptions.push(
      vscode.commands.registerCommand('entraAppDoctor._test.storeSecret', (k: SecretKey, value: string) => service.store.store(k, value)),
      vscode.commands.registerCommand('entraAppDoctor._test.hasStoredSecret', async (k: SecretKey) => (await service.store.get(k)) !== undefined),
      vscode.commands.registerCommand('entraAppDoctor._test.inspectorModel', () => InspectorPanel.current?.lastModel),
      vscode.commands.registerCommand('entraAppDoctor._test.inspectorApiResult', () => InspectorPanel.current?.lastApiResult),
      vscode.commands.registerCommand('entraAppDoctor._test.logLines', () => recentLogLines()),
      vscode.commands.registerCommand('entraAppDoctor._test.clearTokenCache', () => service.client.clearCache()),
    );
  }
}
