// Throwaway PostgreSQL databases for the suites, inside the cluster scripts/with-postgres.sh started
// (REQIO_TEST_POSTGRES_URL). One migrated template; each test file or server gets a fresh copy.
import { execSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";

export const TEMPLATE_DATABASE = "reqio_template";

export function postgresAdminUrl(): string | undefined {
  return process.env.REQIO_TEST_POSTGRES_URL?.trim() || undefined;
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the template with every migration applied through the real CLI (`prisma migrate deploy`). */
export async function createMigratedTemplate(adminUrl: string, repoRoot: string): Promise<void> {
  await admin(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}"`);
    await client.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  });
  execSync("npx prisma migrate deploy", {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl(adminUrl, TEMPLATE_DATABASE) },
    stdio: "pipe",
  });
}

/** A fresh, migrated database copied from the template; returns its URL. */
export async function createDatabaseFromTemplate(adminUrl: string, prefix: string): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await admin(adminUrl, async (client) => {
    // Two copies of one template at the same instant can collide ("being accessed by other users").
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`);
        return;
      } catch (error) {
        if (attempt >= 200 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100)); // polls until the other copy is done (20 s at most)
      }
    }
  });
  return databaseUrl(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await admin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/**
 * An empty database of the provider under test, for building one from SQL by hand: on PostgreSQL a
 * template copy with its schema dropped, else the SQLite file `sqliteFile`. Returns its URL.
 */
export async function createEmptyDatabase(prefix: string, sqliteFile: string): Promise<string> {
  const adminUrl = postgresAdminUrl();
  if (!adminUrl) return `file:${sqliteFile}`;
  const url = await createDatabaseFromTemplate(adminUrl, prefix);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public`); // the template copy's tables go with it
  } finally {
    await client.end();
  }
  return url;
}
