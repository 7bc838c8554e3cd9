// `npm run rotate-master-key` as a child process against this file's real database (SQLite or PostgreSQL), while this
// process plays the app: configured with the new key as primary and the old one in REQIO_ENCRYPTION_KEYS_OLD.
// lib/ is imported dynamically, after the key variables are set (serverConfig() caches per process).
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runScript } from "../helpers/run-script";
import { openRawSql, type RawSql } from "../helpers/raw-sql";

const OLD = randomBytes(32).toString("base64");
const NEW = randomBytes(32).toString("hex"); // any documented encoding works
const WRONG = randomBytes(32).toString("base64");
process.env.REQIO_ENCRYPTION_KEY = NEW;
process.env.REQIO_ENCRYPTION_KEYS_OLD = OLD;

const ROTATE = path.join(repoRoot, "scripts/rotate-master-key.ts");
const SEED = path.join(repoRoot, "tests/helpers/seed-projects.ts");
const databaseUrl = process.env.DATABASE_URL!;

type Lib = {
  db: typeof import("@/lib/db").db;
  decryptCurrentSecret: typeof import("@/lib/identity/secret-store").decryptCurrentSecret;
  rotateIdentitySecret: typeof import("@/lib/identity/secret-rotation").rotateIdentitySecret;
  rotateMasterKey: typeof import("@/lib/maintenance/master-key-rotation").rotateMasterKey;
  parseEncryptionKey: typeof import("@/lib/config/encryption-key").parseEncryptionKey;
  secretBox: typeof import("@/lib/crypto/secret-box");
  context: typeof import("@/lib/crypto/identity-secret-context").identitySecretContext;
  createProject: typeof import("@/lib/projects/projects").createProject;
  fixtures: typeof import("../helpers/fixtures");
};
let lib: Lib;
let raw: RawSql;
let projectIds: string[] = [];
/** What each project's current secret must decrypt to, whichever key it is under. */
type Environment = "production" | "development";
/** Every project's secrets as the app decrypted them, per "<projectId>|<environment>": each must still decrypt to the same. */
const expected = new Map<string, string>();
async function remember(projectId: string) {
  for (const environment of ["production", "development"] as const) {
    expected.set(`${projectId}|${environment}`, (await lib.decryptCurrentSecret(projectId, environment)).secret);
  }
}

const rotate = (env: Record<string, string | undefined> = {}) =>
  runScript(ROTATE, { DATABASE_URL: databaseUrl, REQIO_ENCRYPTION_KEY: NEW, REQIO_ENCRYPTION_KEYS_OLD: OLD, ...env });
const seed = (count: number, env: Record<string, string>) => {
  const run = runScript(SEED, { DATABASE_URL: databaseUrl, ...env }, [String(count)]);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as string[];
};

type Row = { id: string; projectId: string; environment: string; ciphertext: string | null };
const rows = () => raw.all<Row>(`SELECT "id", "projectId", "environment", "ciphertext" FROM "IdentitySecret" ORDER BY "id"`);
const keyId = (text: string) => lib.parseEncryptionKey(text).id;
async function tally(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const row of await rows()) if (row.ciphertext) counts[row.ciphertext.split(".")[1]!] = (counts[row.ciphertext.split(".")[1]!] ?? 0) + 1;
  return counts;
}

/** Every project decrypts, through the app's own read path, to the secret it had before. */
async function expectEverySecretDecrypts() {
  for (const [key, secret] of expected) {
    const [projectId, environment] = key.split("|") as [string, Environment];
    expect((await lib.decryptCurrentSecret(projectId, environment)).secret).toBe(secret);
  }
}

beforeAll(async () => {
  // 25 projects written by an "old" instance that only knows the old key: 50 secrets, production and development.
  projectIds = seed(25, { REQIO_ENCRYPTION_KEY: OLD });
  lib = {
    db: (await import("@/lib/db")).db,
    decryptCurrentSecret: (await import("@/lib/identity/secret-store")).decryptCurrentSecret,
    rotateIdentitySecret: (await import("@/lib/identity/secret-rotation")).rotateIdentitySecret,
    rotateMasterKey: (await import("@/lib/maintenance/master-key-rotation")).rotateMasterKey,
    parseEncryptionKey: (await import("@/lib/config/encryption-key")).parseEncryptionKey,
    secretBox: await import("@/lib/crypto/secret-box"),
    context: (await import("@/lib/crypto/identity-secret-context")).identitySecretContext,
    createProject: (await import("@/lib/projects/projects")).createProject,
    fixtures: await import("../helpers/fixtures"),
  };
  raw = openRawSql();
}, 120_000);
afterAll(() => raw?.close());

describe("master-key rotation", () => {
  it("the app opens secrets sealed under any key in its list and seals new ones under the primary", async () => {
    expect(projectIds).toHaveLength(25);
    expect(await tally()).toEqual({ [keyId(OLD)]: 50 });
    for (const projectId of projectIds) await remember(projectId);
    expect(new Set(expected.values()).size).toBe(50);

    const { team, actor } = await lib.fixtures.createTeamWithOwner("app");
    const fresh = await lib.createProject({ teamId: team.id, name: "Made during rotation", actor });
    await remember(fresh.id);
    expect(await tally()).toEqual({ [keyId(OLD)]: 50, [keyId(NEW)]: 2 });
  });

  it("refuses a wrong master key: exit 1, a clear message, nothing written", async () => {
    const before = await rows();
    const run = rotate({ REQIO_ENCRYPTION_KEY: WRONG, REQIO_ENCRYPTION_KEYS_OLD: undefined });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Master-key rotation refused: None of the configured encryption keys");
    expect(run.stderr).toContain("Set REQIO_ENCRYPTION_KEY to the key they were encrypted with");
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(await rows()).toEqual(before);
  });

  it("refuses when some secrets open but others don't (old key missing from the list), writing nothing", async () => {
    const before = await rows();
    const run = rotate({ REQIO_ENCRYPTION_KEYS_OLD: WRONG });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Master-key rotation refused: 50 of 52 stored secrets can't be opened with the configured keys");
    expect(run.stderr).toContain("Nothing was written.");
    expect(await rows()).toEqual(before);
  });

  it("killed part-way, every secret still decrypts; a rerun finishes; a third run changes nothing", async () => {
    const killed = rotate({ REQIO_ROTATE_STOP_AFTER: "20" });
    expect(killed.signal).toBe("SIGKILL");
    expect(killed.stdout).toContain("Checked 52 stored secrets: all open with the configured keys");
    expect(killed.stdout).toContain("Re-encrypting 50 to key");
    expect(killed.stdout).toMatch(/20\/50 re-encrypted/);
    expect(await tally()).toEqual({ [keyId(OLD)]: 30, [keyId(NEW)]: 22 });
    await expectEverySecretDecrypts();

    const rerun = rotate();
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain(`Done: 30 re-encrypted, 22 already under ${keyId(NEW)}, 0 changed by the app meanwhile`);
    expect(rerun.stdout).toContain("REQIO_ENCRYPTION_KEYS_OLD can be removed");
    expect(await tally()).toEqual({ [keyId(NEW)]: 52 });
    await expectEverySecretDecrypts();
    // The new key alone now opens everything: the old one is no longer needed.
    const primaryOnly = [lib.parseEncryptionKey(NEW)];
    for (const row of await rows()) expect(() => lib.secretBox.open(row.ciphertext!, lib.context(row.projectId, row.environment), primaryOnly)).not.toThrow();

    const snapshot = await rows();
    const third = rotate();
    expect(third.status, third.stderr).toBe(0);
    expect(third.stdout).toContain("Nothing to re-encrypt.");
    expect(third.stdout).toContain(`Done: 0 re-encrypted, 52 already under ${keyId(NEW)}`);
    expect(await rows()).toEqual(snapshot);

    for (const run of [killed, rerun, third]) {
      for (const secret of expected.values()) expect(run.stdout + run.stderr).not.toContain(secret);
      expect(run.stdout + run.stderr).not.toContain(NEW);
      expect(run.stdout + run.stderr).not.toContain(OLD);
    }
  });

  it("never overwrites a secret the app rotates while the rotation runs (conditional update per row)", async () => {
    // Five more projects (ten secrets) under the old key, written by an instance that still seals with it.
    const more = seed(5, { REQIO_ENCRYPTION_KEY: OLD, REQIO_ENCRYPTION_KEYS_OLD: NEW });
    for (const projectId of more) await remember(projectId);
    const underOld = (await rows()).filter((row) => row.ciphertext?.split(".")[1] === keyId(OLD));
    expect(underOld).toHaveLength(10);
    const last = underOld.at(-1)!; // processed last (id order), so it is rotated by the app before the script reaches it
    const project = await lib.db.project.findUniqueOrThrow({ where: { id: last.projectId }, select: { teamId: true } });
    const { actor } = await lib.fixtures.createTeamWithOwner("admin");

    let appRotation: Awaited<ReturnType<Lib["rotateIdentitySecret"]>> | undefined;
    const summary = await lib.rotateMasterKey({
      async afterRow() {
        appRotation ??= await lib.rotateIdentitySecret({ environment: last.environment as Environment, projectId: last.projectId, teamId: project.teamId, expectedSecretId: last.id, actor });
      },
    });
    expect(summary).toMatchObject({ rotated: 9, changedMeanwhile: 1, remainingUnderOldKeys: 0 });
    // The app retired the row the script had read: it stays retired (not resurrected with a re-encrypted copy).
    expect((await rows()).find((row) => row.id === last.id)!.ciphertext).toBeNull();
    expect((await lib.decryptCurrentSecret(last.projectId, last.environment as Environment)).secret).toBe(appRotation!.secret);
    expected.set(`${last.projectId}|${last.environment}`, appRotation!.secret);
    await expectEverySecretDecrypts();
    expect(await tally()).toEqual({ [keyId(NEW)]: 62 });
  });
});
