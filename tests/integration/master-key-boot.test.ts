// The boot check (lib/server-boot.ts: serverConfig(), then the database check) against a real database holding signing and
// authenticator-app secrets: a wrong master key, or a missing key file, stops the server with a clear message and touches nothing.
// Each case boots a fresh child process, exactly what instrumentation.ts runs under `next start`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runScript } from "../helpers/run-script";
import { isPostgres, openRawSql } from "../helpers/raw-sql";

const KEY = randomBytes(32).toString("base64");
const WRONG = randomBytes(32).toString("base64");
const BOOT = path.join(repoRoot, "tests/helpers/boot-server.ts");
const SEED = path.join(repoRoot, "tests/helpers/seed-projects.ts");
const SEED_TOTP = path.join(repoRoot, "tests/helpers/seed-totp.ts");
const databaseUrl = process.env.DATABASE_URL!;
// The key file exists only on the embedded SQLite default (PostgreSQL requires REQIO_ENCRYPTION_KEY).
const sqlite = !isPostgres();
const dbFile = sqlite ? path.resolve(databaseUrl.slice("file:".length)) : "";
const keyFile = path.join(path.dirname(dbFile), "reqio-encryption.key");
const boot = (env: Record<string, string | undefined>, url = databaseUrl) => runScript(BOOT, { DATABASE_URL: url, ...env });
const rows = async () => {
  const raw = openRawSql(databaseUrl, { readonly: true });
  try {
    return await raw.all(`SELECT "id", "ciphertext" FROM "IdentitySecret" ORDER BY "id"`);
  } finally {
    await raw.close();
  }
};

function expectRefusal(run: ReturnType<typeof boot>, message: string): ReturnType<typeof boot> {
  expect(run.status, run.stdout).toBe(1);
  expect(run.stdout).not.toContain("booted");
  expect(run.stderr).toContain(`Reqio cannot start: ${message}`);
  expect(run.stderr).not.toMatch(/^\s+at /m); // no stack trace
  expect(run.stderr).not.toContain(KEY);
  expect(run.stderr).not.toContain(WRONG);
  return run;
}

let before: unknown[];
beforeAll(async () => {
  const seeded = runScript(SEED, { DATABASE_URL: databaseUrl, REQIO_ENCRYPTION_KEY: KEY }, ["3"]); // 3 projects: a production and a development secret each
  expect(seeded.status, seeded.stderr).toBe(0);
  before = await rows();
  expect(before).toHaveLength(6);
}, 60_000);
afterAll(async () => expect(await rows()).toEqual(before)); // no case wrote to the database

describe("boot with secrets in the database", () => {
  it("boots with the key that sealed them", () => {
    const run = boot({ REQIO_ENCRYPTION_KEY: KEY });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("booted");
  });

  it("refuses a wrong REQIO_ENCRYPTION_KEY, naming the key IDs and the fix", () => {
    const run = expectRefusal(boot({ REQIO_ENCRYPTION_KEY: WRONG }), "None of the configured encryption keys");
    expect(run.stderr).toMatch(/\(key id [0-9a-f]{8}\) can decrypt .*: 6 stored, sealed with key id [0-9a-f]{8}; none of 6 sampled opens/);
    expect(run.stderr).toContain("Set REQIO_ENCRYPTION_KEY to the key they were encrypted with");
    if (sqlite) expect(fs.existsSync(keyFile)).toBe(false);
  });

  it("boots with a new primary key while the old one is listed in REQIO_ENCRYPTION_KEYS_OLD", () => {
    const run = boot({ REQIO_ENCRYPTION_KEY: WRONG, REQIO_ENCRYPTION_KEYS_OLD: KEY });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("still under an older encryption key; run `npm run rotate-master-key`");
  });

  it("refuses when the authenticator-app secrets are under a key no longer configured, though every signing secret opens", async () => {
    // A user set up their app on an instance whose primary key was WRONG: the operator dropped that key too early.
    const seeded = runScript(SEED_TOTP, { DATABASE_URL: databaseUrl, REQIO_ENCRYPTION_KEY: WRONG, REQIO_ENCRYPTION_KEYS_OLD: KEY }, ["1"]);
    expect(seeded.status, seeded.stderr).toBe(0);
    const raw = openRawSql(databaseUrl);
    try {
      const run = expectRefusal(boot({ REQIO_ENCRYPTION_KEY: KEY }), "None of the configured encryption keys");
      expect(run.stderr).toMatch(/\(key id [0-9a-f]{8}\) can decrypt the authenticator-app secrets stored in the database: 1 stored, sealed with key id [0-9a-f]{8}; none of 1 sampled opens/);
      const listed = boot({ REQIO_ENCRYPTION_KEY: KEY, REQIO_ENCRYPTION_KEYS_OLD: WRONG });
      expect(listed.status, listed.stderr).toBe(0);
      expect(listed.stdout).toContain("Some stored authenticator-app secrets are still under an older encryption key; run `npm run rotate-master-key`");
    } finally {
      await raw.run(`DELETE FROM "TotpFactor"`);
      await raw.close();
    }
  }, 120_000); // a seed and two boots, each a child process

  it("refuses a malformed or duplicated REQIO_ENCRYPTION_KEYS_OLD entry", () => {
    expectRefusal(
      boot({ REQIO_ENCRYPTION_KEY: WRONG, REQIO_ENCRYPTION_KEYS_OLD: `${KEY},nope` }),
      "REQIO_ENCRYPTION_KEYS_OLD entry 2 of 2 is malformed: it must decode to exactly 32 bytes.",
    );
    expectRefusal(boot({ REQIO_ENCRYPTION_KEY: WRONG, REQIO_ENCRYPTION_KEYS_OLD: `${KEY},${KEY}` }), "REQIO_ENCRYPTION_KEYS_OLD entry 2 of 2 repeats entry 1");
  });

  it.runIf(!sqlite)("on PostgreSQL, with no key configured, refuses and says the key is required", () => {
    expectRefusal(boot({}), "REQIO_ENCRYPTION_KEY is required with PostgreSQL");
  });

  it.runIf(sqlite)("with no key configured and the key file missing, refuses instead of generating a new key", () => {
    expectRefusal(
      boot({}),
      `The key file ${keyFile} is missing, but the database holds 6 encrypted secret(s) (signing or authenticator-app secrets) that only the key from that file can decrypt.`,
    );
    expect(fs.existsSync(keyFile)).toBe(false);
  });

  it.runIf(sqlite)("refuses a key file that holds another key, and leaves the file alone", () => {
    fs.writeFileSync(keyFile, `${WRONG}\n`, { mode: 0o600 });
    try {
      const run = expectRefusal(boot({}), "None of the configured encryption keys");
      expect(run.stderr).toContain(`The key file ${keyFile} is not the key they were encrypted with: restore the original file from your backup`);
      expect(fs.readFileSync(keyFile, "utf8")).toBe(`${WRONG}\n`);
      fs.writeFileSync(keyFile, `${KEY}\n`); // the restored backup
      expect(boot({}).stdout).toContain("booted");
    } finally {
      fs.rmSync(keyFile, { force: true });
    }
  });

  it.runIf(sqlite)("with only authenticator-app secrets in the database and the key file missing, refuses instead of generating a new key", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reqio-boot-"));
    try {
      const url = `file:${path.join(dir, "reqio.db")}`;
      execSync("npx prisma migrate deploy", { cwd: repoRoot, env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
      const seeded = runScript(SEED_TOTP, { DATABASE_URL: url, REQIO_ENCRYPTION_KEY: KEY }, ["2"]);
      expect(seeded.status, seeded.stderr).toBe(0);
      expectRefusal(boot({}, url), `The key file ${path.join(dir, "reqio-encryption.key")} is missing, but the database holds 2 encrypted secret(s)`);
      expect(fs.existsSync(path.join(dir, "reqio-encryption.key"))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(sqlite)("still generates a key file on first start when the database holds no secrets", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reqio-boot-"));
    try {
      const fresh = path.join(dir, "reqio.db");
      execSync("npx prisma migrate deploy", { cwd: repoRoot, env: { ...process.env, DATABASE_URL: `file:${fresh}` }, stdio: "pipe" });
      const run = boot({}, `file:${fresh}`);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain("Generated a new encryption key");
      expect(fs.statSync(path.join(dir, "reqio-encryption.key")).mode & 0o777).toBe(0o600);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
