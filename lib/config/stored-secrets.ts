import fs from "node:fs";
import Database from "better-sqlite3";
import { sealedKeyId } from "@/lib/crypto/secret-box";
import { ConfigError } from "@/lib/config/errors";

export type StoredCiphertext = { id: string; projectId: string; environment: string; ciphertext: string };

/** What the configuration check needs to know about the secrets already in the database. */
export type StoredSecrets = {
  /** IdentitySecret rows that still hold a ciphertext (retired ones keep only a fingerprint). */
  live: number;
  /** Live rows per key ID that sealed them ("unreadable" for values in an unknown format). */
  byKeyId: ReadonlyMap<string, number>;
  /** The most recently inserted live rows, to try the configured keys on. */
  sample: readonly StoredCiphertext[];
};

const NONE: StoredSecrets = { live: 0, byKeyId: new Map(), sample: [] };

/**
 * Reads the database file directly (read-only, one short-lived connection) rather than through
 * lib/db: this runs while the configuration is being validated, before the Prisma client exists,
 * and must never create or migrate anything. A missing file or an unmigrated one holds no secrets.
 */
export function inspectStoredSecrets(databaseFile: string, sampleSize = 20): StoredSecrets {
  if (!fs.existsSync(databaseFile)) return NONE;
  const sqlite = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const table = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'IdentitySecret'`).get();
    if (!table) return NONE;
    const byKeyId = new Map<string, number>();
    const ciphertexts = sqlite.prepare(`SELECT "ciphertext" FROM "IdentitySecret" WHERE "ciphertext" IS NOT NULL`).pluck();
    let live = 0;
    for (const ciphertext of ciphertexts.iterate() as IterableIterator<string>) {
      live += 1;
      const keyId = sealedKeyId(ciphertext) ?? "unreadable";
      byKeyId.set(keyId, (byKeyId.get(keyId) ?? 0) + 1);
    }
    // This runs before `db:migrate`: a database from before environments has only production secrets.
    const hasEnvironment = sqlite.prepare(`SELECT 1 FROM pragma_table_info('IdentitySecret') WHERE name = 'environment'`).get();
    const environment = hasEnvironment ? `"environment"` : `'production' AS "environment"`;
    const sample = sqlite
      .prepare(`SELECT "id", "projectId", ${environment}, "ciphertext" FROM "IdentitySecret" WHERE "ciphertext" IS NOT NULL ORDER BY rowid DESC LIMIT ?`)
      .all(sampleSize) as StoredCiphertext[];
    return { live, byKeyId, sample };
  } finally {
    sqlite.close();
  }
}

/** inspectStoredSecrets, with an unreadable database reported as a ConfigError (nothing is guessed). */
export function readStoredSecrets(databaseFile: string): StoredSecrets {
  try {
    return inspectStoredSecrets(databaseFile);
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 200) : "unknown error";
    throw new ConfigError(
      `Could not read the database ${databaseFile} to check the encryption keys against the stored secrets (${reason}). ` +
        `Fix or restore the database file; Reqio changed nothing.`,
    );
  }
}
