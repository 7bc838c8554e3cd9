// Two identify instances on a PostgreSQL and a Redis of this test's own, under load, while the
// database is stopped, then stalled (SIGSTOP), and Redis is stopped: only 200s and honest 503s, no
// answer slower than 2 s, recovery without help, and no accepted verification left uncounted.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { identifyUrl, request, startIdentifyServer, testPort, type RunningServer } from "../helpers/identify-server";
import { startLoad, type LoadRecord } from "../helpers/identify-load";
import { throwawayPostgres, throwawayRedis } from "../helpers/throwaway-services";

const runs = Boolean(process.env.REQIO_TEST_POSTGRES_URL);
const OUTAGE_MS = 10_000;
const APP_URL = "http://localhost:3000";

const postgres = runs ? throwawayPostgres(testPort(20)) : undefined;
const redis = throwawayRedis(testPort(21));
const suiteDatabaseUrl = process.env.DATABASE_URL;
let servers: RunningServer[] = [];
let sql: pg.Pool;
type Project = { id: string; token: string };
let warm: Project;

async function createProjectWithToken(label: string): Promise<Project> {
  const { projectWithToken } = await import("../helpers/identify-tokens");
  const project = await projectWithToken(label, APP_URL);
  return { id: project.id, token: await project.mint(`${label}_user`) };
}

const post = (server: RunningServer, project: Project, from = "127.0.5.9") => request(identifyUrl(server, project.id), { body: JSON.stringify({ token: project.token }), from, timeoutMs: 5_000 });

/** Runs `outage` for OUTAGE_MS under load, probing a project no instance has loaded yet; returns what was answered. */
async function underOutage(prober: string, begin: () => void | Promise<void>, end: () => void | Promise<void>) {
  const cold = await createProjectWithToken(`cold${Date.now()}`);
  const load = startLoad(servers.map((server) => ({ url: identifyUrl(server, warm.id), body: JSON.stringify({ token: warm.token }) })), { concurrency: 10, from: "127.0.5.1" });
  const probes: { status: number; ms: number; retryAfter?: string; code?: string }[] = [];
  try {
    await load.answered(100);
    await begin();
    for (const until = Date.now() + OUTAGE_MS; Date.now() < until; ) {
      const answer = await post(servers[probes.length % 2]!, cold, prober);
      probes.push({ status: answer.status, ms: answer.ms, retryAfter: answer.headers["retry-after"] as string | undefined, code: answer.body?.error?.code });
    }
    await end();
    // Recovers by itself: the project nobody could load during the outage verifies on both instances.
    for (const server of servers) {
      const recovery: string[] = [];
      for (const deadline = Date.now() + 20_000; ; ) {
        const answer = await post(server, cold, prober);
        if (answer.status === 200) break;
        if (recovery.at(-1) !== `${answer.status} ${answer.body?.error?.code}`) recovery.push(`${answer.status} ${answer.body?.error?.code}`);
        if (Date.now() > deadline) {
          const seen = probes.reduce<Record<string, number>>((tally, probe) => ({ ...tally, [`${probe.status} ${probe.code}`]: (tally[`${probe.status} ${probe.code}`] ?? 0) + 1 }), {});
          throw new Error(`no recovery (${answer.status} ${JSON.stringify(answer.body)}; during the outage: ${JSON.stringify(seen)}; recovery: ${recovery.join(" → ")}):\n${server.log()}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    await load.answered(100);
  } catch (error) {
    await load.stop();
    throw error;
  }
  return { records: await load.stop(), probes, cold };
}

function expectHonest(records: LoadRecord[], probes: { status: number; ms: number; retryAfter?: string; code?: string }[], title: string) {
  const slowest = (list: { ms: number }[]) => Math.round(Math.max(...list.map((item) => item.ms)));
  console.log(`${title}: ${records.length} answers under load, ${records.filter((r) => r.status === 200).length} × 200, slowest ${slowest(records)} ms; ` +
    `unloaded project: ${probes.filter((p) => p.status === 503).length} × 503, ${probes.filter((p) => p.status === 200).length} × 200, slowest ${slowest(probes)} ms`);
  expect(records.filter((record) => record.status !== 200), "cached keys keep verifying").toEqual([]);
  expect(Math.max(...records.map((record) => record.ms)), "slowest answer under load (ms)").toBeLessThan(2_000);
  expect(probes.length).toBeGreaterThan(5);
  for (const probe of probes) {
    expect([200, 503]).toContain(probe.status);
    expect(probe.ms).toBeLessThan(2_000);
    if (probe.status === 503) {
      expect(probe.code).toBe("temporarily_unavailable");
      expect(Number(probe.retryAfter)).toBeGreaterThan(0);
    }
  }
  expect(probes.some((probe) => probe.status === 503), "an unloaded project is an honest 503 during the outage").toBe(true);
}

async function countedOk(projectId: string): Promise<number> {
  const { rows } = await sql.query(`SELECT COALESCE(SUM(count), 0)::int AS n FROM "VerificationCounter" WHERE "projectId" = $1 AND code = 'ok'`, [projectId]);
  return rows[0].n;
}

async function untilCounted(projectId: string, expected: number) {
  for (const deadline = Date.now() + 20_000; ; ) {
    const counted = await countedOk(projectId).catch(() => -1);
    if (counted === expected) return;
    if (Date.now() > deadline) throw new Error(`${counted} of ${expected} accepted verifications counted for ${projectId}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(!runs)("identify under database and Redis faults (two instances)", () => {
  beforeAll(async () => {
    postgres!.start();
    execFileSync(`${process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin"}/createdb`, ["-h", "127.0.0.1", "-p", String(testPort(20)), "-U", "reqio", "reqio"]);
    const databaseUrl = postgres!.url("reqio");
    execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: "pipe" });
    await redis.start();
    // This file's lib/ imports (fixtures) write to the fault database; restored in afterAll.
    process.env.DATABASE_URL = databaseUrl;
    sql = new pg.Pool({ connectionString: databaseUrl, max: 2, connectionTimeoutMillis: 1_000 });
    sql.on("error", () => undefined);
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, APP_URL, REQIO_IDENTIFY_LIMIT_PER_IP: "1000000", REQIO_IDENTIFY_LIMIT_PER_PROJECT: "1000000" };
    servers = [await startIdentifyServer(testPort(22), env), await startIdentifyServer(testPort(23), env)];
    warm = await createProjectWithToken("warm");
    for (const server of servers) expect((await post(server, warm)).body.error?.message).toBeUndefined();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await sql?.end();
    const holder = globalThis as unknown as { reqioPrisma?: { $disconnect(): Promise<void> } };
    await holder.reqioPrisma?.$disconnect();
    delete holder.reqioPrisma;
    process.env.DATABASE_URL = suiteDatabaseUrl;
    await redis.stop();
    postgres?.remove();
  });

  let acceptedWarm = 2;
  const expectedCold = new Map<string, number>();
  const tally = (result: Awaited<ReturnType<typeof underOutage>>) => {
    acceptedWarm += result.records.filter((record) => record.status === 200).length;
    // The recovery loop's final 200 on each instance, plus any 200 during the outage.
    expectedCold.set(result.cold.id, result.probes.filter((probe) => probe.status === 200).length + servers.length);
  };

  it("PostgreSQL stopped for 10 s", async () => {
    const result = await underOutage("127.0.6.1", () => postgres!.stop(), () => postgres!.start());
    expectHonest(result.records, result.probes, "PostgreSQL stopped 10 s");
    tally(result);
  }, 120_000);

  it("PostgreSQL stalled (SIGSTOP) for 10 s", async () => {
    const result = await underOutage("127.0.6.2", () => postgres!.pause(), () => postgres!.resume());
    expectHonest(result.records, result.probes, "PostgreSQL stalled 10 s");
    tally(result);
  }, 120_000);

  it("Redis stopped for 10 s: verification goes on, limits decided locally", async () => {
    const load = startLoad(servers.map((server) => ({ url: identifyUrl(server, warm.id), body: JSON.stringify({ token: warm.token }) })), { concurrency: 10, from: "127.0.5.2" });
    await load.answered(100);
    await redis.stop();
    const before = load.records.length;
    for (const until = Date.now() + OUTAGE_MS; Date.now() < until; ) await load.answered(50);
    await redis.start();
    await load.answered(200);
    const records = await load.stop();
    expect(records.length - before).toBeGreaterThan(200);
    console.log(`Redis stopped 10 s: ${records.length} answers under load, slowest ${Math.round(Math.max(...records.map((r) => r.ms)))} ms`);
    expect(records.filter((record) => record.status !== 200)).toEqual([]);
    expect(Math.max(...records.map((record) => record.ms))).toBeLessThan(2_000);
    acceptedWarm += records.length;
  }, 120_000);

  it("no accepted verification is left uncounted", async () => {
    await untilCounted(warm.id, acceptedWarm);
    for (const [projectId, expected] of expectedCold) await untilCounted(projectId, expected);
  }, 60_000);
});
