// Usage statistics survive a database that is down or stalled: nothing is lost, nothing is counted
// twice, and a graceful-shutdown drain keeps its deadline. The outages are real: a lock held by a
// second connection, or (PostgreSQL) a database that refuses connections.
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createProject, deleteProject } from "@/lib/projects/projects";
import { BUCKET_MS, drainVerificationStats, flushVerificationStats, recordVerification } from "@/lib/identity/verification-recorder";
import { createTeamWithOwner } from "../helpers/fixtures";
import { postgresAdminUrl } from "../helpers/postgres-databases";
import { isPostgres } from "../helpers/raw-sql";

/** The start of a past bucket: every record a test makes lands in that one bucket. */
const bucketStart = () => Math.floor((Date.now() - 3_600_000) / BUCKET_MS) * BUCKET_MS;
const user = (id: string, mrrCents = 1000) => ({ id, email: `${id}@example.com`, plan: "pro", interval: "month" as const, amountCents: mrrCents, mrrCents });

async function newProject() {
  const owner = await createTeamWithOwner("recorder");
  const project = await createProject({ teamId: owner.team.id, name: "Recorder", actor: owner.actor });
  const secret = await db.identitySecret.findFirstOrThrow({ where: { projectId: project.id }, select: { id: true } });
  return { projectId: project.id, secretId: secret.id, owner };
}

async function counts(projectId: string): Promise<Record<string, number>> {
  const rows = await db.verificationCounter.findMany({ where: { projectId }, select: { code: true, count: true } });
  const byCode: Record<string, number> = {};
  for (const row of rows) byCode[row.code] = (byCode[row.code] ?? 0) + row.count;
  return byCode;
}

/** Outages still in force: ended by the test, or after it (a failed test too) before the next one. */
const outages = new Set<() => Promise<void>>();
function endsWithTest(end: () => Promise<void>): () => Promise<void> {
  const once = async () => {
    if (outages.delete(once)) await end();
  };
  outages.add(once);
  return once;
}

/** A second connection holds the database's (SQLite) or the counter table's (PostgreSQL) lock until released. */
async function holdLock(): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL!;
  if (isPostgres()) {
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    await locker.query(`BEGIN; LOCK TABLE "VerificationCounter" IN ACCESS EXCLUSIVE MODE`);
    return endsWithTest(async () => {
      await locker.query("COMMIT");
      await locker.end();
    });
  }
  const locker = new Database(url.slice("file:".length));
  locker.exec("BEGIN EXCLUSIVE");
  return endsWithTest(async () => {
    locker.exec("COMMIT");
    locker.close();
  });
}

/** The database is unavailable: SQLite locked; PostgreSQL refusing connections, its sessions ended. */
async function takeDatabaseDown(): Promise<() => Promise<void>> {
  if (!isPostgres()) return holdLock();
  const name = new URL(process.env.DATABASE_URL!).pathname.slice(1);
  const admin = new pg.Client({ connectionString: postgresAdminUrl() });
  await admin.connect();
  await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
  // The timeout argument waits until each session has really ended.
  await admin.query("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = $1", [name]);
  return endsWithTest(async () => {
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    await admin.end();
  });
}

beforeAll(async () => {
  // better-sqlite3 waits for a lock synchronously, up to the busy timeout (5 s by default), and no
  // timer can cut that short: a shorter one keeps each failed attempt in this file brief.
  if (!isPostgres()) await db.$queryRawUnsafe("PRAGMA busy_timeout = 200");
});

afterEach(async () => {
  for (const end of outages) await end();
  expect(await drainVerificationStats({ timeoutMs: 20_000 })).toMatchObject({ pending: 0 });
  vi.restoreAllMocks();
});

describe("verification recorder", () => {
  it("counts exactly across many records and overlapping flushes", async () => {
    const { projectId, secretId } = await newProject();
    const t0 = bucketStart();
    const flushes: Promise<unknown>[] = [];
    for (let i = 0; i < 1000; i += 1) {
      const ok = i % 4 !== 0;
      recordVerification(projectId, ok ? { code: "ok", environment: "production", ageSeconds: (i % 7) - 1, user: user(`u${i % 30}`, i), secretId } : { code: "bad_signature" }, t0 + i);
      // Not awaited: flushes queue behind each other and run while records keep arriving.
      if (i % 97 === 0) flushes.push(flushVerificationStats());
      if (i % 13 === 0) await new Promise(setImmediate);
    }
    await Promise.all(flushes);
    await flushVerificationStats();

    const byCode = await counts(projectId);
    expect(byCode.ok).toBe(750);
    expect(byCode.bad_signature).toBe(250);
    expect(byCode[`secret:${secretId}`]).toBe(750);
    expect(Object.entries(byCode).filter(([code]) => code.startsWith("age:")).reduce((sum, [, n]) => sum + n, 0)).toBe(750);
    const okRows = await db.verificationCounter.findMany({ where: { projectId, code: "ok" } });
    expect(Math.min(...okRows.map((row) => row.ageMinSeconds!))).toBe(-1);
    expect(Math.max(...okRows.map((row) => row.ageMaxSeconds!))).toBe(5);
    expect(await db.identifiedUser.count({ where: { projectId } })).toBe(30);
    const last = await db.identifiedUser.findUniqueOrThrow({ where: { projectId_environment_externalId: { projectId, environment: "production", externalId: "u9" } } });
    expect(last).toMatchObject({ firstSeenAt: new Date(t0 + 9), lastSeenAt: new Date(t0 + 999), mrrCents: 999 });
    expect((await db.identitySecret.findUniqueOrThrow({ where: { id: secretId } })).lastUsedAt).toEqual(new Date(t0 + 999));
  });

  it("a flush while the database is down loses nothing: the next one writes it all, once", async () => {
    const { projectId } = await newProject();
    const t0 = bucketStart();
    for (let i = 0; i < 100; i += 1) recordVerification(projectId, { code: "ok", environment: "production", ageSeconds: 2, user: user(`early${i % 10}`) }, t0);
    await flushVerificationStats();
    expect(await counts(projectId)).toEqual({ ok: 100, "age:1-5": 100 });

    for (let i = 0; i < 300; i += 1) recordVerification(projectId, { code: "ok", environment: "production", ageSeconds: 40, user: user(`u${i % 20}`) }, t0 + 1000 + i);
    const bringBack = await takeDatabaseDown();
    const failed = await flushVerificationStats();
    expect(failed.written).toBe(0);
    expect(failed.pending).toBe(22); // "ok", "age:30-60", 20 users
    // Recorded during the outage: merged with the batch that failed.
    for (let i = 0; i < 50; i += 1) recordVerification(projectId, { code: "ok", environment: "production", ageSeconds: 400, user: user("u0") }, t0 + 5000 + i);
    expect(await flushVerificationStats()).toMatchObject({ written: 0, pending: 23 });
    await bringBack();

    expect(await flushVerificationStats()).toEqual({ written: 23, pending: 0 });
    const expected = { ok: 450, "age:1-5": 100, "age:30-60": 300, "age:300+": 50 };
    expect(await counts(projectId)).toEqual(expected);
    const row = await db.verificationCounter.findFirstOrThrow({ where: { projectId, code: "ok" } });
    expect([row.ageMinSeconds, row.ageMaxSeconds]).toEqual([2, 400]);
    expect(await db.identifiedUser.count({ where: { projectId } })).toBe(30);
    const returning = await db.identifiedUser.findUniqueOrThrow({ where: { projectId_environment_externalId: { projectId, environment: "production", externalId: "u0" } } });
    expect([returning.firstSeenAt, returning.lastSeenAt]).toEqual([new Date(t0 + 1000), new Date(t0 + 5049)]);

    expect(await flushVerificationStats()).toEqual({ written: 0, pending: 0 });
    expect(await counts(projectId)).toEqual(expected);
  });

  it("drops a deleted project's pending stats, writes the others', and logs one line without user data", async () => {
    const kept = await newProject();
    const deleted = await newProject();
    const at = bucketStart();
    for (let i = 0; i < 20; i += 1) {
      recordVerification(kept.projectId, { code: "ok", environment: "production", ageSeconds: 1, user: user("kept-user") }, at);
      recordVerification(deleted.projectId, { code: "ok", environment: "production", ageSeconds: 1, user: user("gone-user"), secretId: deleted.secretId }, at);
    }
    await deleteProject({ teamId: deleted.owner.team.id, projectId: deleted.projectId, confirmation: "Recorder", actor: deleted.owner.actor });
    const logged = vi.spyOn(console, "log");

    expect(await flushVerificationStats()).toMatchObject({ pending: 0 });
    expect(await counts(kept.projectId)).toEqual({ ok: 20, "age:1-5": 20 });
    expect(await db.identifiedUser.count({ where: { externalId: "kept-user" } })).toBe(1);
    expect(await db.verificationCounter.count({ where: { projectId: deleted.projectId } })).toBe(0);
    const lines = logged.mock.calls.map(([line]) => String(line)).filter((line) => line.includes("dropped"));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "warn", rows: 4 }); // ok, age bin, secret count, user
    expect(lines[0]).not.toMatch(/gone-user|example\.com/);
  });

  it("a value the column can't hold is not retried forever and doesn't hold up the rest", async () => {
    const { projectId } = await newProject();
    // Valid claims (a safe integer), but PostgreSQL stores mrrCents as int4.
    recordVerification(projectId, { code: "ok", environment: "production", ageSeconds: 1, user: user("whale", 3_000_000_000) });
    recordVerification(projectId, { code: "ok", environment: "production", ageSeconds: 1, user: user("regular") });
    expect(await flushVerificationStats()).toMatchObject({ pending: 0 });
    expect(await counts(projectId)).toEqual({ ok: 2, "age:1-5": 2 });
    expect(await db.identifiedUser.count({ where: { projectId, externalId: "regular" } })).toBe(1);
  });

  it("a drain keeps its deadline while the database stalls, reports what is pending, and a later drain writes it once", async () => {
    const { projectId } = await newProject();
    const at = bucketStart();
    for (let i = 0; i < 40; i += 1) recordVerification(projectId, { code: i % 2 ? "ok" : "token_expired", user: i % 2 ? user(`u${i}`) : undefined }, at);
    const release = await holdLock();
    const started = performance.now();
    const drained = await drainVerificationStats({ timeoutMs: 1500 });
    const elapsed = performance.now() - started;
    await release();

    expect(elapsed).toBeGreaterThanOrEqual(1400);
    expect(elapsed).toBeLessThan(2500); // the deadline, plus at most one attempt already under way
    expect(drained).toEqual({ written: 0, pending: 23 }); // "ok", "token_expired", its last-seen row, 20 users
    expect(await drainVerificationStats({ timeoutMs: 20_000 })).toMatchObject({ pending: 0 });
    expect(await counts(projectId)).toEqual({ ok: 20, token_expired: 20 });
    expect(await db.identifiedUser.count({ where: { projectId } })).toBe(20);
  });
});
