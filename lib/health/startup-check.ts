import { serverConfig } from "@/lib/config/server-config";
import { describeDatabase } from "@/lib/config/database-url";
import { ConfigError } from "@/lib/config/errors";
import { checkKeysAgainstStoredSecrets } from "@/lib/config/key-check";
import { withTimeout } from "@/lib/async/with-timeout";
import { appliedMigrations, migrationFolderNames, migrationsDir } from "@/lib/health/migration-state";
import { storedSecretsFromDatabase } from "@/lib/health/stored-secrets-in-database";
import { log } from "@/lib/log";

const CONNECT_TIMEOUT_MS = 10_000;

type AdapterCause = { kind?: string; host?: string; port?: number; user?: string; db?: string; message?: string; originalMessage?: string };

/** The driver's reason in one line, from Prisma's structured cause; never a URL (a password could be in one). */
function reasonOf(error: unknown): string {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: AdapterCause } } } | null)?.meta?.driverAdapterError?.cause;
  let reason: string;
  switch (cause?.kind) {
    case "DatabaseNotReachable":
      reason = `nothing answers at ${cause.host}:${cause.port} (connection refused or timed out)`;
      break;
    case "AuthenticationFailed":
      reason = `authentication failed${cause.user ? ` for user "${cause.user}"` : ""}`;
      break;
    case "DatabaseDoesNotExist":
      reason = `the database${cause.db ? ` "${cause.db}"` : ""} does not exist (create it, then run \`npm run db:migrate\`)`;
      break;
    default: {
      const text = cause?.originalMessage ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
      const quoted = /Message: `([^`]*)`/.exec(text)?.[1];
      reason = [cause?.kind, quoted ?? text.split("\n").find((line) => line.trim())].filter(Boolean).join(": ") || "no details";
    }
  }
  return reason.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "[url]").slice(0, 200);
}

/**
 * Runs before the server serves: the database answers, every migration this build ships is applied,
 * and (PostgreSQL; SQLite checks this while loading its config) the configured keys open the stored
 * signing and authenticator-app secrets. Throws ConfigError with what to do; changes nothing.
 */
export async function checkDatabaseReady(): Promise<void> {
  const { database, encryptionKeys } = serverConfig();
  const where = describeDatabase(database);
  let applied: Set<string>;
  try {
    applied = new Set(await withTimeout(appliedMigrations(), CONNECT_TIMEOUT_MS));
  } catch (error) {
    throw new ConfigError(
      `Can't reach the database (${where}): ${reasonOf(error)}. Check DATABASE_URL and that the database server is running and accepts connections.`,
    );
  }
  const shipped = migrationFolderNames(migrationsDir()) ?? [];
  const pending = shipped.filter((name) => !applied.has(name));
  if (pending.length > 0) {
    throw new ConfigError(
      `The database (${where}) is missing ${pending.length} of this version's ${shipped.length} migrations (${pending.join(", ")}). ` +
        `Run \`npm run db:migrate\` with the same DATABASE_URL, then start again. Reqio does not serve on an out-of-date schema.`,
    );
  }
  const unknown = [...applied].filter((name) => !shipped.includes(name));
  if (unknown.length > 0) {
    log("warn", "The database has migrations this version doesn't know (was a newer version deployed to it?)", { migrations: unknown.join(",") });
  }
  if (database.provider === "postgresql") {
    const ring = { key: encryptionKeys[0]!, origin: "env" as const, keys: encryptionKeys };
    for (const note of checkKeysAgainstStoredSecrets(ring, await storedSecretsFromDatabase())) log(note.level, note.message, note.fields);
  }
}
