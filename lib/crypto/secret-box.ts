import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/** A 256-bit AES key and a short public ID (so a ciphertext says which key sealed it). */
export type EncryptionKey = { id: string; bytes: Buffer };

const FORMAT = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptionError extends Error {
  override name = "DecryptionError";
}

export function toEncryptionKey(bytes: Buffer): EncryptionKey {
  if (bytes.length !== 32) throw new Error("an AES-256 key is 32 bytes");
  return { id: createHash("sha256").update(bytes).digest("hex").slice(0, 8), bytes };
}

/**
 * AES-256-GCM with `context` as additional authenticated data: a ciphertext only opens under the
 * same context (e.g. the project ID), so it cannot be copied onto another row.
 * Format: v1.<keyId>.<iv>.<ciphertext+tag>, base64url.
 */
export function seal(plaintext: string, context: string, key: EncryptionKey): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.bytes, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [FORMAT, key.id, iv.toString("base64url"), body.toString("base64url")].join(".");
}

/** The ID of the key that sealed `sealed` (public: it is part of the stored value), or null if unreadable. */
export function sealedKeyId(sealed: string): string | null {
  const [format, keyId] = sealed.split(".");
  return format === FORMAT && keyId ? keyId : null;
}

/** Opens a sealed value with whichever of `keys` sealed it; any mismatch is a DecryptionError. */
export function open(sealed: string, context: string, keys: readonly EncryptionKey[]): string {
  const [format, keyId, ivText, bodyText, ...rest] = sealed.split(".");
  if (format !== FORMAT || !keyId || !ivText || !bodyText || rest.length > 0) {
    throw new DecryptionError("stored ciphertext is not in a format this version understands");
  }
  const key = keys.find((candidate) => candidate.id === keyId);
  if (!key) throw new DecryptionError(`stored ciphertext was sealed with encryption key ${keyId}, which is not configured`);
  const iv = Buffer.from(ivText, "base64url");
  const body = Buffer.from(bodyText, "base64url");
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new DecryptionError("stored ciphertext is truncated");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.bytes, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptionError("stored ciphertext failed authentication (tampered, or bound to another project)");
  }
}
