// Runs before every integration test file, in that file's own process: a fresh temp directory and a
// real database copied from the template integration-global-setup.ts migrated — a SQLite file, or on
// PostgreSQL (the suite run under scripts/with-postgres.sh) a database — and env set before any lib/ import.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { createDatabaseFromTemplate, dropDatabase, postgresAdminUrl } from "./postgres-databases";

const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "reqio-it-"));
const adminUrl = postgresAdminUrl();

// A key file test deletes this before its first (dynamic) lib import to exercise key generation.
process.env.REQIO_ENCRYPTION_KEY = randomBytes(32).toString("base64");
delete process.env.APP_URL;
if (adminUrl) {
  process.env.DATABASE_URL = await createDatabaseFromTemplate(adminUrl, "reqio_it");
  // PostgreSQL deployments must configure the session secret (nothing is generated beside a file).
  process.env.NEXTAUTH_SECRET = randomBytes(32).toString("base64");
} else {
  const file = path.join(tmpDir, "reqio.db");
  fs.copyFileSync(inject("sqliteTemplate"), file);
  process.env.DATABASE_URL = `file:${file}`;
  delete process.env.NEXTAUTH_SECRET;
}

afterAll(async () => {
  const holder = globalThis as unknown as { reqioPrisma?: { $disconnect(): Promise<void> } };
  await holder.reqioPrisma?.$disconnect();
  delete holder.reqioPrisma;
  if (adminUrl) await dropDatabase(adminUrl, process.env.DATABASE_URL!);
  fs.rmSync(tmpDir, { recursive: true, force: true });
});
