// Runs before every integration test file, in that file's own process: a fresh temp directory and a
// real, migrated database — a SQLite file (`prisma migrate deploy`), or on PostgreSQL (the suite run
// under scripts/with-postgres.sh) a copy of the migrated template — and env set before any lib/ import.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";
import { createDatabaseFromTemplate, dropDatabase, postgresAdminUrl } from "./postgres-databases";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
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
  process.env.DATABASE_URL = `file:${path.join(tmpDir, "reqio.db")}`;
  delete process.env.NEXTAUTH_SECRET;
  execSync("npx prisma migrate deploy", { cwd: repoRoot, env: process.env, stdio: "pipe" });
}

afterAll(async () => {
  const holder = globalThis as unknown as { reqioPrisma?: { $disconnect(): Promise<void> } };
  await holder.reqioPrisma?.$disconnect();
  delete holder.reqioPrisma;
  if (adminUrl) await dropDatabase(adminUrl, process.env.DATABASE_URL!);
  fs.rmSync(tmpDir, { recursive: true, force: true });
});
