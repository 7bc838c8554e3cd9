/**
 * WebCrypto HMAC keys, imported once per VerifierKey.id. The cache keeps a copy of the raw bytes and
 * re-imports when an id is reused with different bytes, so a rotation can never verify with a stale
 * key even if nobody calls forgetVerifierKey. Bounded so a long-running multi-project server cannot
 * grow it without limit (oldest entries are dropped first).
 */
import type { VerifierKey } from "./types";

const MAX_CACHED_KEYS = 1024;
type Entry = { bytes: Uint8Array; key: Promise<CryptoKey> };
const cache = new Map<string, Entry>();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

export function cryptoKeyFor(key: VerifierKey): Promise<CryptoKey> {
  const cached = cache.get(key.id);
  if (cached !== undefined && sameBytes(cached.bytes, key.key)) return cached.key;
  const bytes = new Uint8Array(key.key);
  const imported = crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  imported.catch(() => undefined); // failures are reported by the caller; never an unhandled rejection
  cache.delete(key.id);
  if (cache.size >= MAX_CACHED_KEYS) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(key.id, { bytes, key: imported });
  return imported;
}

/** Drop one key after a rotation (or when a project is deleted). */
export function forgetVerifierKey(id: string): void {
  cache.delete(id);
}

export function clearVerifierKeyCache(): void {
  cache.clear();
}

export function cachedVerifierKeyCount(): number {
  return cache.size;
}
