/**
 * WebCrypto HMAC keys, imported once per VerifierKey.id. The cache keeps a copy of the raw bytes and
 * re-imports when an id is reused with different bytes, so a rotation can never verify with a stale
 * key. It holds resolved keys, never promises: a pending promise would keep the first caller's
 * request context alive. Bounded (LRU) so a many-project server cannot grow it without limit.
 */
import { LRUCache } from "lru-cache";
import type { VerifierKey } from "./types";

const MAX_CACHED_KEYS = 4096;
type Entry = { bytes: Uint8Array; key: CryptoKey };
const cache = new LRUCache<string, Entry>({ max: MAX_CACHED_KEYS });

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

export async function cryptoKeyFor(key: VerifierKey): Promise<CryptoKey> {
  if (key.cryptoKey) return key.cryptoKey;
  const cached = cache.get(key.id);
  if (cached !== undefined && sameBytes(cached.bytes, key.key)) return cached.key;
  const bytes = new Uint8Array(key.key);
  const imported = await crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
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
