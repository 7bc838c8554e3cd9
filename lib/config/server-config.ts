import path from "node:path";
import { resolveDatabaseTarget, type DatabaseTarget, type SqliteTarget } from "@/lib/config/database-url";
import { loadEncryptionKeys, type KeyRing } from "@/lib/config/encryption-key";
import { checkKeysAgainstStoredSecrets } from "@/lib/config/key-check";
import { readStoredSecrets, type StoredSecrets } from "@/lib/config/stored-secrets";
import { readOrCreateLocalSecret } from "@/lib/config/local-secret-file";
import { ConfigError } from "@/lib/config/errors";
import { trustedProxiesFromEnv } from "@/lib/http/client-address";
import { rateLimitStoreTarget } from "@/lib/http/rate-limit/store-target";
import type { Env } from "@/lib/config/env";
import type { EncryptionKey } from "@/lib/crypto/secret-box";
import { log } from "@/lib/log";

export type ServerConfig = {
  /** Base URL customers' tokens are bound to (`<appUrl>/p/<projectId>`), no trailing slash. */
  appUrl: string;
  database: DatabaseTarget;
  /** The primary key (seals) first, then REQIO_ENCRYPTION_KEYS_OLD (open only). */
  encryptionKeys: readonly EncryptionKey[];
  authSecret: string;
  /** Past this age the Identity page suggests rotating (REQIO_ROTATION_REMINDER_DAYS, default 90). */
  rotationReminderDays: number;
};

export function parseAppUrl(raw: string | undefined): string {
  const value = raw?.trim() || "http://localhost:3000";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`APP_URL "${value}" is not a URL. Set it to the dashboard's public base URL, e.g. https://reqio.example.com.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new ConfigError("APP_URL must start with https:// or http://.");
  if (url.search || url.hash) throw new ConfigError("APP_URL must not have a query string or fragment.");
  return url.origin + url.pathname.replace(/\/+$/, "");
}

/**
 * The embedded default checks its keys against the SQLite file right here, synchronously; a
 * PostgreSQL database is checked by lib/health/startup-check.ts before the server serves.
 */
function loadSqliteKeyRing(env: Env, database: SqliteTarget): KeyRing {
  // Read at most once, and only here: the keys are checked against what the database already holds.
  let stored: StoredSecrets | undefined;
  const storedSecrets = () => (stored ??= readStoredSecrets(database.filePath));
  const keyRing = loadEncryptionKeys(env, database, () => storedSecrets().live);
  if (keyRing.generatedAt) {
    log("warn", "Generated a new encryption key for stored secrets; back it up or set REQIO_ENCRYPTION_KEY", {
      keyFile: keyRing.generatedAt,
    });
  }
  for (const note of checkKeysAgainstStoredSecrets(keyRing, storedSecrets())) log(note.level, note.message, note.fields);
  return keyRing;
}

function localAuthSecret(database: DatabaseTarget): string {
  if (database.provider !== "sqlite") {
    throw new ConfigError(
      "NEXTAUTH_SECRET is required with PostgreSQL: every instance must sign and check session cookies with the same " +
        "secret. Generate one with: openssl rand -base64 32",
    );
  }
  return readOrCreateLocalSecret(path.join(path.dirname(database.filePath), "reqio-auth.secret"));
}

/** Exported for tests; the app uses serverConfig(), which validates once per process. */
export function loadServerConfig(env: Env): ServerConfig {
  const appUrl = parseAppUrl(env.APP_URL);
  const database = resolveDatabaseTarget(env);
  // Read again where they are used (the HTTP server, the rate limiters); checked here, before any
  // file is generated, so a bad value stops startup.
  trustedProxiesFromEnv(env);
  rateLimitStoreTarget(env);
  const keyRing = database.provider === "sqlite" ? loadSqliteKeyRing(env, database) : loadEncryptionKeys(env, database);
  // next-auth signs session cookies with this; like the key, it is generated once for the embedded default.
  const authSecret = env.NEXTAUTH_SECRET?.trim() || localAuthSecret(database);
  // next-auth builds its callback URLs from NEXTAUTH_URL; the public base URL is the right default.
  process.env.NEXTAUTH_URL ??= appUrl;
  const reminder = env.REQIO_ROTATION_REMINDER_DAYS?.trim();
  const rotationReminderDays = reminder ? Number(reminder) : 90;
  if (!Number.isSafeInteger(rotationReminderDays) || rotationReminderDays < 1) {
    throw new ConfigError(`REQIO_ROTATION_REMINDER_DAYS must be a whole number of days ≥ 1 (got "${reminder}").`);
  }
  return { appUrl, database, encryptionKeys: keyRing.keys, authSecret, rotationReminderDays };
}

let cached: ServerConfig | undefined;

/** Validated once per process; a ConfigError here means the server must not serve. */
export function serverConfig(): ServerConfig {
  cached ??= loadServerConfig(process.env);
  return cached;
}
