// Test mode only: counts get() calls on the extension's SecretStorage, so the in-host Restricted Mode
// suite can check that nothing read a secret. Made at activation: the stored-secret key tracking
// (lazyTools.ts) and the token service (dist/tools.js) both read through it.
import type * as vscode from 'vscode';

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
