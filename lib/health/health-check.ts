import { describeError, log } from "@/lib/log";
import { withTimeout } from "@/lib/async/with-timeout";
import { appliedMigrations, migrationFolderNames, migrationsDir, type AppliedMigrations } from "@/lib/health/migration-state";

/**
 * What GET /api/health reports. Deliberately coarse: no paths, versions, migration names or error
 * text, since the endpoint is public. "unknown" means it couldn't be determined (database
 * unreachable, or no migrations folder shipped with the app); that is never healthy.
 */
export type HealthReport = {
  ok: boolean;
  database: "ok" | "unreachable";
  migrations: "up_to_date" | "pending" | "unknown";
  pending?: number;
};

const DATABASE_TIMEOUT_MS = 2_000;

export async function checkHealth(options: { migrationsDir?: string; applied?: AppliedMigrations } = {}): Promise<HealthReport> {
  let applied: Set<string>;
  try {
    applied = new Set(await withTimeout((options.applied ?? appliedMigrations)(), DATABASE_TIMEOUT_MS));
  } catch (error) {
    log("error", "health check: database unreachable", { error: describeError(error) });
    return { ok: false, database: "unreachable", migrations: "unknown" };
  }
  const folders = migrationFolderNames(options.migrationsDir ?? migrationsDir());
  if (folders === null) {
    log("error", "health check: no prisma/migrations folder next to the app; can't tell whether migrations are pending");
    return { ok: false, database: "ok", migrations: "unknown" };
  }
  const pending = folders.filter((name) => !applied.has(name)).length;
  return pending === 0
    ? { ok: true, database: "ok", migrations: "up_to_date" }
    : { ok: false, database: "ok", migrations: "pending", pending };
}
