// Client secrets the user typed and asked to remember: VS Code's SecretStorage (the OS keychain),
// keyed by authority origin, tenant and client ID so a secret is only ever offered to the app and
// authority it was typed for. Never read in an untrusted workspace (the callers check trust first).
import * as vscode from 'vscode';

export interface SecretKey {
  /** https://login.microsoftonline.com (origin of the resolved token endpoint). */
  origin: string;
  tenant: string;
  clientId: string;
}

export const STORE_LABEL = "VS Code's secret storage";

export function storageKey(k: SecretKey): string {
  return `entraAppDoctor.clientSecret:${k.origin.toLowerCase()}|${k.tenant.toLowerCase()}|${k.clientId.toLowerCase()}`;
}

export class SecretStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  get(k: SecretKey): Thenable<string | undefined> {
    return this.secrets.get(storageKey(k));
  }

  store(k: SecretKey, value: string): Thenable<void> {
    return this.secrets.store(storageKey(k), value);
  }

  delete(k: SecretKey): Thenable<void> {
    return this.secrets.delete(storageKey(k));
  }
}

/**
 * The last source the core's resolveSecret tries: the stored secret, else a password box that
 * offers to remember what was typed. `forcePrompt` skips the stored one (after "Re-enter Secret").
 */
export function secretPrompt(store: SecretStore, key: SecretKey, appLabel: string, forcePrompt: boolean) {
  return async (why: string): Promise<{ value: string; label: string } | undefined> => {
    if (!forcePrompt) {
      const stored = await store.get(key);
      if (stored) return { value: stored, label: STORE_LABEL };
    }
    const value = await vscode.window.showInputBox({
      title: `Client secret for ${appLabel}`,
      prompt: `${why} Enter the secret's Value (not its Secret ID).`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'Enter the client secret value.'),
    });
    if (!value) return undefined;
    const remember = await vscode.window.showQuickPick(
      [
        { label: 'Remember', description: `in ${STORE_LABEL} (OS keychain) for this app`, remember: true },
        { label: 'Use Once', description: 'for this request only', remember: false },
      ],
      { title: 'Remember this client secret?', placeHolder: 'Remember the secret for the next requests of this app?', ignoreFocusOut: true },
    );
    if (remember?.remember) {
      await store.store(key, value);
      return { value, label: `the password prompt (remembered in ${STORE_LABEL})` };
    }
    return { value, label: 'the password prompt' };
  };
}
