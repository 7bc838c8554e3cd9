import fs from "node:fs";
import Database from "better-sqlite3";
import { sealedKeyId } from "@/lib/crypto/secret-box";
import { identitySecretContext } from "@/lib/crypto/identity-secret-context";
import { totpSecretContext } from "@/lib/crypto/totp-secret-context";
import { ConfigError } from "@/lib/config/errors";

/** A stored ciphertext and the context it must open under. */
export type StoredCiphertext = { id: string; ciphertext: string; context: string };

/** The kinds of secret the key check tries the configured keys on (retired diagnosis copies never block startup). */
export type StoredKindName = "signing" | "totp";

/** What the configuration check needs to know about one kind of secret already in the database. */
export type StoredKind = {
  kind: StoredKindName;
  /** Rows that hold a ciphertext (retired signing secrets keep only a fingerprint). */
  live: number;
  /** Rows per key ID that sealed them ("unreadable" for values in an unknown format). */
  byKeyId: ReadonlyMap<string, number>;
  /** The most recently inserted rows, to try the configured keys on. */
  sample: readonly StoredCiphertext[];
};

export type StoredSecrets = { live: number; kinds: readonly StoredKind[] };

/** Counts `ciphertexts` per sealing key ID. */
export function storedKind(kind: StoredKindName, ciphertexts: Iterable<string>, sample: readonly StoredCiphertext[]): StoredKind {
  const byKeyId = new Map<string, number>();
  let live = 0;
  for (const ciphertext of ciphertexts) {
    live += 1;
    const keyId = sealedKeyId(ciphertext) ?? "unreadable";
    byKeyId.set(keyId, (byKeyId.get(keyId) ?? 0) + 1);
  }
  return { kind, live, byKeyId, sample };
}

export const storedSecrets = (kinds: StoredKind[]): StoredSecrets => ({ live: kinds.reduce((sum, kind) => sum + kind.live, 0), kinds });

type Sqlite = InstanceType<typeof Database>;
const hasTable = (sqlite: Sqlite, name: string) => !!sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name);

function signingSecrets(sqlite: Sqlite, sampleSize: number): StoredKind {
  const ciphertexts = sqlite.prepare(`SELECT "ciphertext" FROM "IdentitySecret" WHERE "ciphertext" IS NOT NULL`).pluck();
  // This runs before `db:migrate`: a database from before environments has only production secrets.
  const hasEnvironment = sqlite.prepare(`SELECT 1 FROM pragma_table_info('IdentitySecret') WHERE name = 'environment'`).get();
  const environment = hasEnvironment ? `"environment"` : `'production' AS "environment"`;
  const rows = sqlite
    .prepare(`SELECT "id", "projectId", ${environment}, "ciphertext" FROM "IdentitySecret" WHERE "ciphertext" IS NOT NULL ORDER BY rowid DESC LIMIT ?`)
    .all(sampleSize) as Array<{ id: string; projectId: string; environment: string; ciphertext: string }>;
  const sample = rows.map((row) => ({ id: row.id, ciphertext: row.ciphertext, context: identitySecretContext(row.projectId, row.environment) }));
  return storedKind("signing", ciphertexts.iterate() as IterableIterator<string>, sample);
}

function totpSecrets(sqlite: Sqlite, sampleSize: number): StoredKind {
  const ciphertexts = sqlite.prepare(`SELECT "sealedSecret" FROM "TotpFactor"`).pluck();
  const rows = sqlite.prepare(`SELECT "userId", "sealedSecret" FROM "TotpFactor" ORDER BY rowid DESC LIMIT ?`).all(sampleSize) as Array<{ userId: string; sealedSecret: string }>;
  const sample = rows.map((row) => ({ id: row.userId, ciphertext: row.sealedSecret, context: totpSecretContext(row.userId) }));
  return storedKind("totp", ciphertexts.iterate() as IterableIterator<string>, sample);
}

/**
 * Reads the database file directly (read-only, one short-lived connection) rather than through
 * lib/db: this runs while the configuration is being validated, before the Prisma client exists,
 * and must never create or migrate anything. A missing file or an unmigrated one holds no secrets.
 */
export function inspectStoredSecrets(databaseFile: string, sampleSize = 20): StoredSecrets {
  if (!fs.existsSync(databaseFile)) return storedSecrets([]);
  const sqlite = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const kinds: StoredKind[] = [];
    if (hasTable(sqlite, "IdentitySecret")) kinds.push(signingSecrets(sqlite, sampleSize));
    if (hasTable(sqlite, "TotpFactor")) kinds.push(totpSecrets(sqlite, sampleSize));
    return storedSecrets(kinds);
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
