import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { toEncryptionKey, type EncryptionKey } from "@/lib/crypto/secret-box";
import { ConfigError } from "@/lib/config/errors";
import type { DatabaseTarget } from "@/lib/config/database-url";
import type { Env } from "@/lib/config/env";

export const KEY_FILE_NAME = "reqio-encryption.key";
const HOW_TO_SET =
  "Set REQIO_ENCRYPTION_KEY to 32 random bytes, base64- or hex-encoded (generate one with: openssl rand -base64 32).";

/** Accepts 32 bytes as base64 (44 chars), base64url (43) or hex (64); anything else is refused. */
export function parseEncryptionKey(raw: string, source = "REQIO_ENCRYPTION_KEY"): EncryptionKey {
  const text = raw.trim();
  let bytes: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(text)) bytes = Buffer.from(text, "hex");
  else if (/^[A-Za-z0-9+/]{43}=$/.test(text)) bytes = Buffer.from(text, "base64");
  else if (/^[A-Za-z0-9_-]{43}$/.test(text)) bytes = Buffer.from(text, "base64url");
  if (!bytes || bytes.length !== 32) {
    throw new ConfigError(`${source} is malformed: it must decode to exactly 32 bytes. ${HOW_TO_SET}`);
  }
  return toEncryptionKey(bytes);
}

export type KeySource = { key: EncryptionKey; origin: "env" | "key-file"; generatedAt?: string };

/**
 * REQIO_ENCRYPTION_KEY wins. On the embedded SQLite default without it, a key is generated once
 * into a 0600 file beside (not inside) the database file, so a copied .db alone reveals nothing.
 */
export function loadEncryptionKey(env: Env, database: DatabaseTarget): KeySource {
  const fromEnv = env.REQIO_ENCRYPTION_KEY;
  if (fromEnv !== undefined && fromEnv.trim() !== "") return { key: parseEncryptionKey(fromEnv), origin: "env" };
  if (fromEnv !== undefined) throw new ConfigError(`REQIO_ENCRYPTION_KEY is set but empty. ${HOW_TO_SET}`);

  const keyFile = path.join(path.dirname(database.filePath), KEY_FILE_NAME);
  if (fs.existsSync(keyFile)) {
    return { key: parseEncryptionKey(fs.readFileSync(keyFile, "utf8"), `The key file ${keyFile}`), origin: "key-file" };
  }
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  try {
    // "wx": never overwrite a key another process just wrote; losing a key loses every secret.
    fs.writeFileSync(keyFile, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return {
    key: parseEncryptionKey(fs.readFileSync(keyFile, "utf8"), `The key file ${keyFile}`),
    origin: "key-file",
    generatedAt: keyFile,
  };
}
