import "server-only";
import fs from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { describeError, log } from "@/lib/log";

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

/** Names of the migrations that finished and weren't rolled back; throws if the database can't be read. */
export type AppliedMigrations = () => Promise<string[]>;

export const DEFAULT_MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");
const DATABASE_TIMEOUT_MS = 2_000;

/** Prisma's own definition of a migration: a folder holding migration.sql. Null if there is no folder. */
export function migrationFolderNames(dir: string): string[] | null {
  if (!fs.existsSync(dir)) return null;
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name);
}

const appliedFromDatabase: AppliedMigrations = async () => {
  const table = await db.$queryRaw<unknown[]>`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`;
  // A reachable database that was never migrated: every migration is pending.
  if (table.length === 0) return [];
  const rows = await db.$queryRaw<Array<{ migration_name: string }>>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  return rows.map((row) => row.migration_name);
};

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function checkHealth(options: { migrationsDir?: string; applied?: AppliedMigrations } = {}): Promise<HealthReport> {
  let applied: Set<string>;
  try {
    applied = new Set(await withTimeout((options.applied ?? appliedFromDatabase)(), DATABASE_TIMEOUT_MS));
  } catch (error) {
    log("error", "health check: database unreachable", { error: describeError(error) });
    return { ok: false, database: "unreachable", migrations: "unknown" };
  }
  const folders = migrationFolderNames(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  if (folders === null) {
    log("error", "health check: no prisma/migrations folder next to the app; can't tell whether migrations are pending");
    return { ok: false, database: "ok", migrations: "unknown" };
  }
  const pending = folders.filter((name) => !applied.has(name)).length;
  return pending === 0
    ? { ok: true, database: "ok", migrations: "up_to_date" }
    : { ok: false, database: "ok", migrations: "pending", pending };
}
