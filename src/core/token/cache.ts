// In-memory token cache keyed by token endpoint, client, scopes and a fingerprint of the
// credential (so changing the secret or certificate never returns a stale token).
import { createHash } from 'node:crypto';

export interface CacheEntry<T> {
  value: T;
  expiresAtMs: number;
}

/** Tokens closer than this to expiry are not served from the cache. */
const MIN_REMAINING_MS = 5 * 60_000;

export function cacheKey(tokenEndpoint: string, clientId: string, scopes: readonly string[], credentialFingerprint: string): string {
  return createHash('sha256')
    .update([tokenEndpoint.toLowerCase(), clientId.toLowerCase(), [...scopes].map((s) => s.toLowerCase()).sort().join(' '), credentialFingerprint].join('\n'))
    .digest('hex');
}

export function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex');
}

export class TokenCache<T> {
  private readonly map = new Map<string, CacheEntry<T>>();

  get(key: string, nowMs = Date.now()): T | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (e.expiresAtMs - nowMs < MIN_REMAINING_MS) {
      this.map.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, value: T, expiresAtMs: number): void {
    this.map.set(key, { value, expiresAtMs });
  }

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }
}
