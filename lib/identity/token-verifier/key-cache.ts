/**
 * HMAC keys as node:crypto KeyObjects, made once per VerifierKey.id. The cache keeps a copy of the
 * raw bytes and makes a new key when an id is reused with different bytes, so a rotation can never
 * verify with a stale key. Bounded (LRU) so a many-project server cannot grow it without limit.
 */
import crypto, { type KeyObject } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { VerifierKey } from "./types";

const MAX_CACHED_KEYS = 4096;
type Entry = { bytes: Uint8Array; key: KeyObject };
const cache = new LRUCache<string, Entry>({ max: MAX_CACHED_KEYS });

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/** The key object for `key`, or null when its bytes can't be an HMAC key (empty). */
export function hmacKeyFor(key: VerifierKey): KeyObject | null {
  if (key.hmacKey) return key.hmacKey;
  if (key.key.length === 0) return null;
  const cached = cache.get(key.id);
  if (cached !== undefined && sameBytes(cached.bytes, key.key)) return cached.key;
  const bytes = new Uint8Array(key.key);
  const made = crypto.createSecretKey(bytes);
  cache.set(key.id, { bytes, key: made });
  return made;
}
