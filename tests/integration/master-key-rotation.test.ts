// `npm run rotate-master-key` as a child process against this file's real database (SQLite or PostgreSQL), while this
// process plays the app: configured with the new key as primary and the old one in REQIO_ENCRYPTION_KEYS_OLD.
// lib/ is imported dynamically, after the key variables are set (serverConfig() caches per process).
// The concurrent-write cases are in master-key-rotation-concurrency.test.ts.
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runScript } from "../helpers/run-script";
import { openRawSql, type RawSql } from "../helpers/raw-sql";
import { codeNow, identityRows, sealedSnapshot, tally, totpRows } from "../helpers/sealed-state";

const OLD = randomBytes(32).toString("base64");
const NEW = randomBytes(32).toString("hex"); // any documented encoding works
const WRONG = randomBytes(32).toString("base64");
process.env.REQIO_ENCRYPTION_KEY = NEW;
process.env.REQIO_ENCRYPTION_KEYS_OLD = OLD;

const ROTATE = path.join(repoRoot, "scripts/rotate-master-key.ts");
const SEED = path.join(repoRoot, "tests/helpers/seed-projects.ts");
const SEED_TOTP = path.join(repoRoot, "tests/helpers/seed-totp.ts");
const SPEND = path.join(repoRoot, "tests/helpers/spend-totp-codes.ts");
const databaseUrl = process.env.DATABASE_URL!;

type Lib = {
  decryptCurrentSecret: typeof import("@/lib/identity/secret-store").decryptCurrentSecret;
  parseEncryptionKey: typeof import("@/lib/config/encryption-key").parseEncryptionKey;
  secretBox: typeof import("@/lib/crypto/secret-box");
  contexts: typeof import("@/lib/crypto/identity-secret-context") & typeof import("@/lib/crypto/totp-secret-context");
  createProject: typeof import("@/lib/projects/projects").createProject;
  fixtures: typeof import("../helpers/fixtures");
};
let lib: Lib;
let raw: RawSql;
let projectIds: string[] = [];
type Environment = "production" | "development";
/** Every project's secrets as the app decrypted them, per "<projectId>|<environment>": each must still decrypt to the same. */
const expected = new Map<string, string>();
async function remember(projectId: string) {
  for (const environment of ["production", "development"] as const) {
    expected.set(`${projectId}|${environment}`, (await lib.decryptCurrentSecret(projectId, environment)).secret);
  }
}
/** What each retired secret's diagnosis copy opens to, per IdentitySecret ID. */
const diagnosis = new Map<string, string>();
/** Users with an authenticator app, and the base32 secret their app holds. */
let totpUsers: Array<{ userId: string; secret: string }> = [];

const rotate = (env: Record<string, string | undefined> = {}) =>
  runScript(ROTATE, { DATABASE_URL: databaseUrl, REQIO_ENCRYPTION_KEY: NEW, REQIO_ENCRYPTION_KEYS_OLD: OLD, ...env });
function seedJson<T>(file: string, env: Record<string, string>, args: string[]): T {
  const run = runScript(file, { DATABASE_URL: databaseUrl, ...env }, args);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as T;
}
const keyId = (text: string) => lib.parseEncryptionKey(text).id;

/** Every project decrypts, through the app's own read path, to the secret it had before. */
async function expectEverySecretDecrypts() {
  for (const [key, secret] of expected) {
    const [projectId, environment] = key.split("|") as [string, Environment];
    expect((await lib.decryptCurrentSecret(projectId, environment)).secret).toBe(secret);
  }
}

beforeAll(async () => {
  // 25 projects written by an "old" instance that only knows the old key: 50 secrets, production and development;
  // 4 projects' production secret rotated once (4 retired diagnosis copies); 3 users with an authenticator app.
  projectIds = seedJson<string[]>(SEED, { REQIO_ENCRYPTION_KEY: OLD }, ["25", "4"]);
  totpUsers = seedJson(SEED_TOTP, { REQIO_ENCRYPTION_KEY: OLD }, ["3"]);
  lib = {
    decryptCurrentSecret: (await import("@/lib/identity/secret-store")).decryptCurrentSecret,
    parseEncryptionKey: (await import("@/lib/config/encryption-key")).parseEncryptionKey,
    secretBox: await import("@/lib/crypto/secret-box"),
    contexts: { ...(await import("@/lib/crypto/identity-secret-context")), ...(await import("@/lib/crypto/totp-secret-context")) },
    createProject: (await import("@/lib/projects/projects")).createProject,
    fixtures: await import("../helpers/fixtures"),
  };
  raw = openRawSql();
}, 120_000);
afterAll(() => raw?.close());

describe("master-key rotation", () => {
  it("the app opens secrets sealed under any key in its list and seals new ones under the primary", async () => {
    expect(projectIds).toHaveLength(25);
    expect(await tally(raw)).toEqual({ identity: { [keyId(OLD)]: 50 }, retired: { [keyId(OLD)]: 4 }, totp: { [keyId(OLD)]: 3 } });
    for (const projectId of projectIds) await remember(projectId);
    expect(new Set(expected.values()).size).toBe(50);
    for (const row of await identityRows(raw)) {
      if (row.diagnosisCiphertext) diagnosis.set(row.id, lib.secretBox.open(row.diagnosisCiphertext, lib.contexts.retiredSecretContext(row.projectId, row.environment), [lib.parseEncryptionKey(OLD)]));
    }

    const { team, actor } = await lib.fixtures.createTeamWithOwner("app");
    const fresh = await lib.createProject({ teamId: team.id, name: "Made during rotation", actor });
    await remember(fresh.id);
    // A user sets up their app on an instance already on the new key.
    totpUsers.push(...seedJson<typeof totpUsers>(SEED_TOTP, { REQIO_ENCRYPTION_KEY: NEW, REQIO_ENCRYPTION_KEYS_OLD: OLD }, ["1"]));
    expect(await tally(raw)).toEqual({ identity: { [keyId(OLD)]: 50, [keyId(NEW)]: 2 }, retired: { [keyId(OLD)]: 4 }, totp: { [keyId(OLD)]: 3, [keyId(NEW)]: 1 } });
  });

  it("refuses a wrong master key: exit 1, a clear message, nothing written", async () => {
    const before = await sealedSnapshot(raw);
    const run = rotate({ REQIO_ENCRYPTION_KEY: WRONG, REQIO_ENCRYPTION_KEYS_OLD: undefined });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Master-key rotation refused: None of the configured encryption keys");
    expect(run.stderr).toContain("Set REQIO_ENCRYPTION_KEY to the key they were encrypted with");
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(await sealedSnapshot(raw)).toEqual(before);
  });

  it("refuses when some secrets open but others don't (old key missing from the list), writing nothing", async () => {
    const before = await sealedSnapshot(raw);
    const run = rotate({ REQIO_ENCRYPTION_KEYS_OLD: WRONG });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Master-key rotation refused: 57 of 60 stored secrets can't be opened with the configured keys");
    expect(run.stderr).toContain("50 signing secrets, e.g. IdentitySecret ");
    expect(run.stderr).toContain("4 retired signing secrets (diagnosis copies), e.g. IdentitySecret ");
    expect(run.stderr).toContain("3 authenticator-app secrets, e.g. TotpFactor of user ");
    expect(run.stderr).toContain("Nothing was written.");
    expect(await sealedSnapshot(raw)).toEqual(before);
  });

  it("refuses when one authenticator-app secret opens under no key (copied from another user's row), writing nothing", async () => {
    const [first, second] = await totpRows(raw);
    await raw.run(`UPDATE "TotpFactor" SET "sealedSecret" = ? WHERE "userId" = ?`, first!.sealedSecret, second!.userId);
    try {
      const before = await sealedSnapshot(raw);
      const run = rotate();
      expect(run.status).toBe(1);
      expect(run.stderr).toContain("Master-key rotation refused: 1 of 60 stored secrets can't be opened with the configured keys");
      expect(run.stderr).toContain(`1 authenticator-app secrets, e.g. TotpFactor of user ${second!.userId})`);
      expect(run.stderr).toContain("Nothing was written.");
      expect(await sealedSnapshot(raw)).toEqual(before);
    } finally {
      await raw.run(`UPDATE "TotpFactor" SET "sealedSecret" = ? WHERE "userId" = ?`, second!.sealedSecret, second!.userId);
    }
  });

  it("killed part-way, every secret still opens; a rerun finishes; a third run changes nothing; the old key can go", async () => {
    const killed = rotate({ REQIO_ROTATE_STOP_AFTER: "18" });
    expect(killed.signal).toBe("SIGKILL");
    expect(killed.stdout).toContain("Checked 60 stored secrets: all open with the configured keys.");
    expect(killed.stdout).toContain(`  authenticator-app secrets: 3 under ${keyId(OLD)}, 1 under ${keyId(NEW)}`);
    expect(killed.stdout).toContain("Re-encrypting 57 to key");
    expect(killed.stdout).toMatch(/18\/57 re-encrypted/);
    expect(await tally(raw)).toEqual({ identity: { [keyId(OLD)]: 32, [keyId(NEW)]: 20 }, retired: { [keyId(OLD)]: 4 }, totp: { [keyId(OLD)]: 3, [keyId(NEW)]: 1 } });
    await expectEverySecretDecrypts();

    const rerun = rotate();
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain(`Done: 39 re-encrypted, 21 already under ${keyId(NEW)}, 0 changed by the app meanwhile`);
    expect(rerun.stdout).toContain(`  signing secrets: 32 re-encrypted, 20 already under ${keyId(NEW)}, 0 changed meanwhile`);
    expect(rerun.stdout).toContain(`  retired signing secrets (diagnosis copies): 4 re-encrypted, 0 already under ${keyId(NEW)}, 0 changed meanwhile`);
    expect(rerun.stdout).toContain(`  authenticator-app secrets: 3 re-encrypted, 1 already under ${keyId(NEW)}, 0 changed meanwhile`);
    expect(rerun.stdout).toContain("REQIO_ENCRYPTION_KEYS_OLD can be removed");
    expect(await tally(raw)).toEqual({ identity: { [keyId(NEW)]: 52 }, retired: { [keyId(NEW)]: 4 }, totp: { [keyId(NEW)]: 4 } });
    await expectEverySecretDecrypts();
    // The new key alone now opens everything, to the same values: the old one is no longer needed.
    const primaryOnly = [lib.parseEncryptionKey(NEW)];
    const { open } = lib.secretBox;
    for (const row of await identityRows(raw)) {
      if (row.ciphertext) expect(() => open(row.ciphertext!, lib.contexts.identitySecretContext(row.projectId, row.environment), primaryOnly)).not.toThrow();
      if (row.diagnosisCiphertext) expect(open(row.diagnosisCiphertext, lib.contexts.retiredSecretContext(row.projectId, row.environment), primaryOnly)).toBe(diagnosis.get(row.id));
    }
    const stored = new Map((await totpRows(raw)).map((row) => [row.userId, row.sealedSecret]));
    for (const { userId, secret } of totpUsers) {
      const opened = open(stored.get(userId)!, lib.contexts.totpSecretContext(userId), primaryOnly);
      expect(opened).toBe(secret);
      expect(codeNow(opened)).toBe(codeNow(secret));
    }

    const snapshot = await sealedSnapshot(raw);
    const third = rotate();
    expect(third.status, third.stderr).toBe(0);
    expect(third.stdout).toContain("Nothing to re-encrypt.");
    expect(third.stdout).toContain(`Done: 0 re-encrypted, 60 already under ${keyId(NEW)}`);
    expect(await sealedSnapshot(raw)).toEqual(snapshot);

    // The operator removes REQIO_ENCRYPTION_KEYS_OLD and restarts: the server starts and every user's app still signs in.
    const restarted = runScript(SPEND, { DATABASE_URL: databaseUrl, REQIO_ENCRYPTION_KEY: NEW }, totpUsers.map(({ userId, secret }) => `${userId}:${codeNow(secret)}`));
    expect(restarted.status, restarted.stderr).toBe(0);
    expect(restarted.stdout.trim().split("\n").at(-1)).toBe(JSON.stringify([true, true, true, true]));

    for (const run of [killed, rerun, third]) {
      const output = run.stdout + run.stderr;
      for (const secret of [...expected.values(), ...diagnosis.values(), ...totpUsers.map((user) => user.secret)]) expect(output).not.toContain(secret);
      expect(output).not.toContain(NEW);
      expect(output).not.toContain(OLD);
    }
  }, 120_000); // four child processes
});
