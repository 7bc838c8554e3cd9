import fs from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { serverConfig } from "@/lib/config/server-config";

/** Names of the migrations that finished and weren't rolled back; throws if the database can't be read. */
export type AppliedMigrations = () => Promise<string[]>;

/** The migrations folder for the configured provider (each provider keeps its own, in step). */
// Two literal paths (not one computed from the provider), so the build traces just these folders.
const SQLITE_MIGRATIONS = path.join(process.cwd(), "prisma", "migrations");
const POSTGRES_MIGRATIONS = path.join(process.cwd(), "prisma", "postgresql", "migrations");

export function migrationsDir(): string {
  return serverConfig().database.provider === "postgresql" ? POSTGRES_MIGRATIONS : SQLITE_MIGRATIONS;
}

/** Prisma's own definition of a migration: a folder holding migration.sql. Null if there is no folder. */
export function migrationFolderNames(dir: string): string[] | null {
  if (!fs.existsSync(dir)) return null;
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
}

async function migrationTableExists(): Promise<boolean> {
  const rows =
    serverConfig().database.provider === "postgresql"
      ? await db.$queryRaw<unknown[]>`SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '_prisma_migrations'`
      : await db.$queryRaw<unknown[]>`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`;
  return rows.length > 0;
}

export const appliedMigrations: AppliedMigrations = async () => {
  // A reachable database that was never migrated: every migration is pending.
  if (!(await migrationTableExists())) return [];
  const rows = await db.$queryRaw<Array<{ migration_name: string }>>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  return rows.map((row) => row.migration_name);
};
