// The environments migration on a database at the schema before it, holding real (sealed) secrets:
// every production secret still decrypts and verifies, and each project gains a Development secret.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seal } from "@/lib/crypto/secret-box";
import { parseEncryptionKey } from "@/lib/config/encryption-key";
import { isPostgres, openRawSql } from "../helpers/raw-sql";
import { repoRoot, runScript } from "../helpers/run-script";
import { createEmptyDatabase, dropDatabase, postgresAdminUrl } from "../helpers/postgres-databases";

const MIGRATION = "20261202000000_environments";
const KEY = "a".repeat(64);
const migrationsDir = path.join(repoRoot, isPostgres() ? "prisma/postgresql/migrations" : "prisma/migrations");
const migrations = fs.readdirSync(migrationsDir).filter((name) => /^\d{14}_/.test(name)).sort();
const before = migrations.slice(0, migrations.indexOf(MIGRATION));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "reqio-env-migration-"));
let url = "";

// Written as the previous release wrote them: sealed under the project-bound context it used.
const SECRETS = {
  prj_migratedA0000000000000: { current: `rqio_sk_${"A".repeat(40)}cur1`, previous: `rqio_sk_${"B".repeat(40)}pre1` },
  prj_migratedB0000000000000: { current: `rqio_sk_${"C".repeat(40)}cur2`, previous: null },
} as const;

const sqlOf = (name: string) => fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");

beforeAll(async () => {
  url = await createEmptyDatabase("reqio_envmigration", path.join(tmp, "before-environments.db"));
  const raw = openRawSql(url);
  for (const name of before) await raw.exec(sqlOf(name));
  const key = parseEncryptionKey(KEY);
  const at = "2026-11-30T10:00:00.000Z";
  const graceEnds = new Date(Date.now() + 24 * 3_600_000).toISOString();
  await raw.run(`INSERT INTO "Team" ("id", "name", "createdAt") VALUES ('team_m', 'Migrated', ?)`, at);
  for (const [projectId, secrets] of Object.entries(SECRETS)) {
    await raw.run(`INSERT INTO "Project" ("id", "teamId", "name", "createdAt", "updatedAt") VALUES (?, 'team_m', ?, ?, ?)`, projectId, projectId, at, at);
    const insert = (id: string, secret: string, expiresAt: string | null) =>
      raw.run(
        `INSERT INTO "IdentitySecret" ("id", "projectId", "ciphertext", "last4", "fingerprint", "createdAt", "expiresAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
        id, projectId, seal(secret, `reqio:identity-secret:${projectId}`, key), secret.slice(-4), "fingerprint0", at, expiresAt,
      );
    await insert(`${projectId}_cur`, secrets.current, null);
    if (secrets.previous) await insert(`${projectId}_pre`, secrets.previous, graceEnds);
    await raw.run(`UPDATE "Project" SET "currentSecretId" = ?, "previousSecretId" = ? WHERE "id" = ?`, `${projectId}_cur`, secrets.previous ? `${projectId}_pre` : null, projectId);
  }
  await raw.exec(sqlOf(MIGRATION));
  await raw.close();
}, 120_000);

afterAll(async () => {
  const adminUrl = postgresAdminUrl();
  if (adminUrl && url) await dropDatabase(adminUrl, url);
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe(`the environments migration (${isPostgres() ? "PostgreSQL" : "SQLite"})`, () => {
  it("keeps every production secret (and one in its grace period) decryptable and verifying, and adds a Development secret to each project", async () => {
    const run = runScript(path.join(repoRoot, "tests/helpers/check-migrated-environments.ts"), { DATABASE_URL: url, REQIO_ENCRYPTION_KEY: KEY });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout.trim().split("\n").at(-1)!);
    expect(report).toMatchObject({ created: 2, again: 0 });
    for (const [projectId, secrets] of Object.entries(SECRETS)) {
      expect(report[projectId]).toEqual({
        current: secrets.current,
        previous: secrets.previous,
        currentVerifies: { ok: true, environment: "production" },
        previousVerifies: secrets.previous ? { ok: true, environment: "production" } : null,
        developmentPrefix: "rqio_sk_dev_",
        developmentVerifies: { ok: true, environment: "development" },
      });
    }
  });
});
