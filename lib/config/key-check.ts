import { ConfigError } from "@/lib/config/errors";
import { OLD_KEYS_VARIABLE, type KeyRing } from "@/lib/config/encryption-key";
import type { StoredCiphertext, StoredKind, StoredKindName, StoredSecrets } from "@/lib/config/stored-secrets";
import { open } from "@/lib/crypto/secret-box";

export type KeyCheckNote = { level: "info" | "warn"; message: string; fields: Record<string, string | number> };

/** How messages name each kind, and what a value of it sealed with a missing key can't do. */
const KINDS: Record<StoredKindName, { label: string; stranded: string }> = {
  signing: { label: "signing secrets", stranded: "they can't be revealed or verify tokens" },
  totp: { label: "authenticator-app secrets", stranded: "those users' authenticator-app codes are refused" },
};

function opens(row: StoredCiphertext, ring: KeyRing): boolean {
  try {
    open(row.ciphertext, row.context, ring.keys);
    return true;
  } catch {
    return false;
  }
}

function checkKind(ring: KeyRing, stored: StoredKind): KeyCheckNote[] {
  if (stored.live === 0) return [];
  const { label, stranded } = KINDS[stored.kind];
  const configured = ring.keys.map((key) => key.id);
  const opened = stored.sample.filter((row) => opens(row, ring)).length;
  if (opened === 0) {
    const fix =
      ring.origin === "env"
        ? `Set REQIO_ENCRYPTION_KEY to the key they were encrypted with (or, while rotating, list that key in ${OLD_KEYS_VARIABLE}).`
        : `The key file ${ring.keyFile} is not the key they were encrypted with: restore the original file from your backup, or set REQIO_ENCRYPTION_KEY to that key.`;
    throw new ConfigError(
      `None of the configured encryption keys (key id ${configured.join(", ")}) can decrypt the ${label} stored in the ` +
        `database: ${stored.live} stored, sealed with key id ${[...stored.byKeyId.keys()].join(", ")}; none of ${stored.sample.length} ` +
        `sampled opens. ${fix} Reqio stops here rather than write anything under the wrong key; nothing was changed.`,
    );
  }
  const notes: KeyCheckNote[] = [];
  const missing = [...stored.byKeyId].filter(([keyId]) => !configured.includes(keyId));
  if (missing.length > 0) {
    notes.push({
      level: "warn",
      message: `Some stored ${label} were sealed with an encryption key that is not configured; ${stranded} until that key is listed in ${OLD_KEYS_VARIABLE}`,
      fields: { secrets: missing.reduce((sum, [, count]) => sum + count, 0), keyIds: missing.map(([keyId]) => keyId).join(",") },
    });
  }
  const underOld = [...stored.byKeyId].filter(([keyId]) => keyId !== ring.key.id && configured.includes(keyId));
  if (underOld.length > 0) {
    notes.push({
      level: "info",
      message: `Some stored ${label} are still under an older encryption key; run \`npm run rotate-master-key\` to re-encrypt them`,
      fields: { secrets: underOld.reduce((sum, [, count]) => sum + count, 0), keyIds: underOld.map(([keyId]) => keyId).join(",") },
    });
  }
  return notes;
}

/**
 * A wrong master key must stop the server before it serves or writes anything: if the database
 * holds secrets of a kind (signing, authenticator-app) and not one of a sample of them opens with the
 * configured keys, this throws. A few undecryptable rows among readable ones (a tampered row, an old
 * key removed too early) are reported instead, since refusing to start would take every other
 * project down with them.
 */
export function checkKeysAgainstStoredSecrets(ring: KeyRing, stored: StoredSecrets): KeyCheckNote[] {
  return stored.kinds.flatMap((kind) => checkKind(ring, kind));
}
