import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { toEncryptionKey, type EncryptionKey } from "@/lib/crypto/secret-box";
import { ConfigError } from "@/lib/config/errors";
import type { DatabaseTarget } from "@/lib/config/database-url";
import type { Env } from "@/lib/config/env";
import { readStoredSecrets } from "@/lib/config/stored-secrets";

export const KEY_FILE_NAME = "reqio-encryption.key";
/** Older master keys, still accepted for decryption while `npm run rotate-master-key` moves secrets off them. */
export const OLD_KEYS_VARIABLE = "REQIO_ENCRYPTION_KEYS_OLD";
const HOW_TO_SET =
  "Set REQIO_ENCRYPTION_KEY to 32 random bytes, base64- or hex-encoded (generate one with: openssl rand -base64 32).";
const HOW_TO_SET_OLD =
  `Each comma-separated entry of ${OLD_KEYS_VARIABLE} must be a former REQIO_ENCRYPTION_KEY: 32 bytes, base64- or hex-encoded.`;

/** Accepts 32 bytes as base64 (44 chars), base64url (43) or hex (64); anything else is refused. */
export function parseEncryptionKey(raw: string, source = "REQIO_ENCRYPTION_KEY", howToFix = HOW_TO_SET): EncryptionKey {
  const text = raw.trim();
  let bytes: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(text)) bytes = Buffer.from(text, "hex");
  else if (/^[A-Za-z0-9+/]{43}=$/.test(text)) bytes = Buffer.from(text, "base64");
  else if (/^[A-Za-z0-9_-]{43}$/.test(text)) bytes = Buffer.from(text, "base64url");
  if (!bytes || bytes.length !== 32) {
    throw new ConfigError(`${source} is malformed: it must decode to exactly 32 bytes. ${howToFix}`);
  }
  return toEncryptionKey(bytes);
}

export type KeySource = { key: EncryptionKey; origin: "env" | "key-file"; keyFile?: string; generatedAt?: string };

/**
 * REQIO_ENCRYPTION_KEY wins. On the embedded SQLite default without it, a key is generated once
 * into a 0600 file beside (not inside) the database file, so a copied .db alone reveals nothing.
 * A key is only generated while the database holds no encrypted secrets: a missing key file next
 * to a database full of secrets means a lost backup, and a fresh key would strand every secret.
 */
export function loadEncryptionKey(
  env: Env,
  database: DatabaseTarget,
  storedSecretCount?: () => number,
): KeySource {
  const fromEnv = env.REQIO_ENCRYPTION_KEY;
  if (fromEnv !== undefined && fromEnv.trim() !== "") return { key: parseEncryptionKey(fromEnv), origin: "env" };
  if (fromEnv !== undefined) throw new ConfigError(`REQIO_ENCRYPTION_KEY is set but empty. ${HOW_TO_SET}`);
  if (database.provider !== "sqlite") {
    throw new ConfigError(
      `REQIO_ENCRYPTION_KEY is required with PostgreSQL: every instance must decrypt with the same key, and a key file ` +
        `generated on one machine would not be. ${HOW_TO_SET}`,
    );
  }

  const keyFile = path.join(path.dirname(database.filePath), KEY_FILE_NAME);
  if (fs.existsSync(keyFile)) {
    return { key: parseEncryptionKey(fs.readFileSync(keyFile, "utf8"), `The key file ${keyFile}`), origin: "key-file", keyFile };
  }
  const stored = storedSecretCount ? storedSecretCount() : readStoredSecrets(database.filePath).live;
  if (stored > 0) {
    throw new ConfigError(
      `The key file ${keyFile} is missing, but the database holds ${stored} encrypted secret(s) (signing or authenticator-app ` +
        `secrets) that only the key from that file can decrypt. Restore ${keyFile} from your backup (mode 0600), or set REQIO_ENCRYPTION_KEY to the key ` +
        `it held. Reqio did not generate a new key: that would leave every stored secret undecryptable.`,
    );
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
    keyFile,
    generatedAt: keyFile,
  };
}

/**
 * REQIO_ENCRYPTION_KEYS_OLD: comma-separated former master keys, accepted for decryption only. Every
 * entry is validated like the primary key, and a repeated key (or the primary listed again) is
 * refused: it is always a copy-paste mistake, and it would hide that the real old key is missing.
 */
export function parseOldEncryptionKeys(raw: string | undefined, primary: KeySource): EncryptionKey[] {
  if (raw === undefined || raw.trim() === "") return [];
  const entries = raw.split(",");
  const primaryName = primary.origin === "env" ? "REQIO_ENCRYPTION_KEY" : `the key file ${primary.keyFile}`;
  const keys: EncryptionKey[] = [];
  entries.forEach((entry, index) => {
    const label = `${OLD_KEYS_VARIABLE} entry ${index + 1} of ${entries.length}`;
    if (entry.trim() === "") throw new ConfigError(`${label} is empty (a stray comma?). ${HOW_TO_SET_OLD}`);
    const key = parseEncryptionKey(entry, label, HOW_TO_SET_OLD);
    if (key.id === primary.key.id) {
      throw new ConfigError(
        `${label} is the same key as ${primaryName} (key id ${key.id}). List only keys that are no longer the primary one.`,
      );
    }
    const earlier = keys.findIndex((other) => other.id === key.id);
    if (earlier >= 0) throw new ConfigError(`${label} repeats entry ${earlier + 1} (key id ${key.id}). List each older key once.`);
    keys.push(key);
  });
  return keys;
}

/** The primary key (seals new secrets) followed by the older keys (open only). */
export type KeyRing = KeySource & { keys: readonly EncryptionKey[] };

export function loadEncryptionKeys(env: Env, database: DatabaseTarget, storedSecretCount?: () => number): KeyRing {
  const primary = loadEncryptionKey(env, database, storedSecretCount);
  return { ...primary, keys: [primary.key, ...parseOldEncryptionKeys(env[OLD_KEYS_VARIABLE], primary)] };
}
