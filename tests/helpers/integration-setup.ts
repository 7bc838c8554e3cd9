// Runs before every integration test file, in that file's own process: a fresh temp directory,
// a real SQLite file migrated with `prisma migrate deploy`, and env set before any lib/ import.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "reqio-it-"));
const databaseUrl = `file:${path.join(tmpDir, "reqio.db")}`;

process.env.DATABASE_URL = databaseUrl;
// A key file test deletes this before its first (dynamic) lib import to exercise key generation.
process.env.REQIO_ENCRYPTION_KEY = randomBytes(32).toString("base64");
delete process.env.NEXTAUTH_SECRET;
delete process.env.APP_URL;

execSync("npx prisma migrate deploy", {
  cwd: repoRoot,
  env: { ...process.env, DATABASE_URL: databaseUrl },
  stdio: "pipe",
});

afterAll(async () => {
  const holder = globalThis as unknown as { reqioPrisma?: { $disconnect(): Promise<void> } };
  await holder.reqioPrisma?.$disconnect();
  delete holder.reqioPrisma;
  fs.rmSync(tmpDir, { recursive: true, force: true });
});
