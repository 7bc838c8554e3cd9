// The master-key rotation (in this process, which plays the app: new key primary, old key in REQIO_ENCRYPTION_KEYS_OLD)
// while the app writes the same rows: every conditional update must leave what the app wrote, on SQLite and PostgreSQL.
// lib/ is imported dynamically, after the key variables are set (serverConfig() caches per process).
import path from "node:path";
import { randomBytes } from "node:crypto";
import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runScript } from "../helpers/run-script";
import { openRawSql, type RawSql } from "../helpers/raw-sql";
import { codeNow, identityRows, tally, totpRows } from "../helpers/sealed-state";

const OLD = randomBytes(32).toString("base64");
const NEW = randomBytes(32).toString("base64");
process.env.REQIO_ENCRYPTION_KEY = NEW;
process.env.REQIO_ENCRYPTION_KEYS_OLD = OLD;

const SEED = path.join(repoRoot, "tests/helpers/seed-projects.ts");
const SEED_TOTP = path.join(repoRoot, "tests/helpers/seed-totp.ts");
const SPEND = path.join(repoRoot, "tests/helpers/spend-totp-codes.ts");
const databaseUrl = process.env.DATABASE_URL!;
// Written by an instance still sealing with the old key (it opens what the new one sealed).
const OLD_INSTANCE = { REQIO_ENCRYPTION_KEY: OLD, REQIO_ENCRYPTION_KEYS_OLD: NEW };

type Environment = "production" | "development";
let lib: {
  db: typeof import("@/lib/db").db;
  decryptCurrentSecret: typeof import("@/lib/identity/secret-store").decryptCurrentSecret;
  rotateIdentitySecret: typeof import("@/lib/identity/secret-rotation").rotateIdentitySecret;
  purgeRetiredSecrets: typeof import("@/lib/identity/retired-secrets").purgeRetiredSecrets;
  rotateMasterKey: typeof import("@/lib/maintenance/master-key-rotation").rotateMasterKey;
  totp: typeof import("@/lib/auth/second-factor/totp");
  secretBox: typeof import("@/lib/crypto/secret-box");
  parseEncryptionKey: typeof import("@/lib/config/encryption-key").parseEncryptionKey;
  fixtures: typeof import("../helpers/fixtures");
};
let raw: RawSql;
const keyId = (text: string) => lib.parseEncryptionKey(text).id;
function seedJson<T>(file: string, args: string[]): T {
  const run = runScript(file, { DATABASE_URL: databaseUrl, ...OLD_INSTANCE }, args);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as T;
}

beforeAll(async () => {
  seedJson(SEED, ["5", "2"]); // ten signing secrets and two retired diagnosis copies under the old key
  lib = {
    db: (await import("@/lib/db")).db,
    decryptCurrentSecret: (await import("@/lib/identity/secret-store")).decryptCurrentSecret,
    rotateIdentitySecret: (await import("@/lib/identity/secret-rotation")).rotateIdentitySecret,
    purgeRetiredSecrets: (await import("@/lib/identity/retired-secrets")).purgeRetiredSecrets,
    rotateMasterKey: (await import("@/lib/maintenance/master-key-rotation")).rotateMasterKey,
    totp: await import("@/lib/auth/second-factor/totp"),
    secretBox: await import("@/lib/crypto/secret-box"),
    parseEncryptionKey: (await import("@/lib/config/encryption-key")).parseEncryptionKey,
    fixtures: await import("../helpers/fixtures"),
  };
  raw = openRawSql();
}, 120_000);
afterAll(() => raw?.close());

describe("master-key rotation while the app writes", () => {
  it("never overwrites a secret the app rotates, nor resurrects a diagnosis copy the sweep purges, meanwhile", async () => {
    const underOld = (await identityRows(raw)).filter((row) => row.ciphertext?.split(".")[1] === keyId(OLD));
    expect(underOld).toHaveLength(10);
    const expected = new Map<string, string>();
    for (const row of underOld) expected.set(`${row.projectId}|${row.environment}`, (await lib.decryptCurrentSecret(row.projectId, row.environment as Environment)).secret);
    const last = underOld.at(-1)!; // processed last (id order), so it is rotated by the app before the script reaches it
    const project = await lib.db.project.findUniqueOrThrow({ where: { id: last.projectId }, select: { teamId: true } });
    const { actor } = await lib.fixtures.createTeamWithOwner("admin");

    let appRotation: Awaited<ReturnType<typeof lib.rotateIdentitySecret>> | undefined;
    let purged: number | undefined;
    const summary = await lib.rotateMasterKey({
      async afterRow({ kind }) {
        if (kind === "identity") {
          appRotation ??= await lib.rotateIdentitySecret({ environment: last.environment as Environment, projectId: last.projectId, teamId: project.teamId, expectedSecretId: last.id, actor });
        }
        // The expiry sweep runs 31 days on, once the script has read the diagnosis copies: every copy is due.
        if (kind === "retired") purged ??= await lib.purgeRetiredSecrets(new Date(Date.now() + 31 * 24 * 60 * 60 * 1000));
      },
    });
    expect(summary.byKind.identity).toMatchObject({ rotated: 9, changedMeanwhile: 1, remainingUnderOldKeys: 0 });
    // Two old copies (one re-encrypted, then purged; one purged before the script reached it) and the app's new one.
    expect(purged).toBe(3);
    expect(summary.byKind.retired).toMatchObject({ rotated: 1, alreadyPrimary: 1, changedMeanwhile: 1, remainingUnderOldKeys: 0 });
    // The app retired the row the script had read: it stays retired (not resurrected with a re-encrypted copy).
    expect((await identityRows(raw)).find((row) => row.id === last.id)!.ciphertext).toBeNull();
    expect((await lib.decryptCurrentSecret(last.projectId, last.environment as Environment)).secret).toBe(appRotation!.secret);
    expected.set(`${last.projectId}|${last.environment}`, appRotation!.secret);
    for (const [key, secret] of expected) {
      const [projectId, environment] = key.split("|") as [string, Environment];
      expect((await lib.decryptCurrentSecret(projectId, environment)).secret).toBe(secret);
    }
    // Every purged copy stays purged.
    expect(await tally(raw)).toEqual({ identity: { [keyId(NEW)]: 10 }, retired: {}, totp: {} });
  });

  it("never overwrites an authenticator app the user sets up again while the rotation runs", async () => {
    const secretOf = new Map(seedJson<Array<{ userId: string; secret: string }>>(SEED_TOTP, ["2"]).map((user) => [user.userId, user.secret]));
    const [first, last] = (await totpRows(raw)).map((row) => row.userId) as [string, string]; // the script reaches `last` second
    let reenrolled: string | undefined;
    const summary = await lib.rotateMasterKey({
      async afterRow({ kind }) {
        if (kind !== "totp" || reenrolled) return;
        // The user removes their app and sets it up again (a new secret, on the new key), confirming with a code.
        await lib.totp.removeTotp(last);
        const user = await lib.db.user.findUniqueOrThrow({ where: { id: last }, select: { id: true, email: true } });
        const { secret } = await lib.totp.startTotpEnrolment(user);
        const confirmedAt = Date.now() - 10 * 60_000; // an earlier step, so the code of the current one is still unused
        await lib.totp.confirmTotpEnrolment(user.id, new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: confirmedAt }), confirmedAt);
        reenrolled = secret;
      },
    });
    expect(summary.byKind.totp).toEqual({ rotated: 1, alreadyPrimary: 0, changedMeanwhile: 1, remainingUnderOldKeys: 0 });
    // The row holds what the app wrote (the new secret), under the new key; the other user's secret was re-encrypted.
    const stored = new Map((await totpRows(raw)).map((row) => [row.userId, row.sealedSecret]));
    const primaryOnly = [lib.parseEncryptionKey(NEW)];
    expect(lib.secretBox.open(stored.get(last)!, lib.totp.totpSecretContext(last), primaryOnly)).toBe(reenrolled);
    expect(lib.secretBox.open(stored.get(first)!, lib.totp.totpSecretContext(first), primaryOnly)).toBe(secretOf.get(first));
    // Restarted on the new key alone: the re-enrolled app's codes sign in, the removed app's don't.
    const codes = [`${first}:${codeNow(secretOf.get(first)!)}`, `${last}:${codeNow(secretOf.get(last)!)}`, `${last}:${codeNow(reenrolled!)}`];
    const restarted = runScript(SPEND, { DATABASE_URL: databaseUrl, REQIO_ENCRYPTION_KEY: NEW }, codes);
    expect(restarted.status, restarted.stderr).toBe(0);
    expect(restarted.stdout.trim().split("\n").at(-1)).toBe(JSON.stringify([true, false, true]));
  });
});
