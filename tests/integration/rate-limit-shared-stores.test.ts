// Local-first limits shared through real stores: two instances (two sync engines, each with its own
// connection) on one key stay within the documented overshoot on Redis and on PostgreSQL, a batch resent
// after a lost answer counts once, and a store that drops connections, is paused (SIGSTOP) or is killed
// costs no request anything: decisions go on locally and the counts arrive later.
// Redis: run under scripts/with-redis.sh (REQIO_TEST_REDIS_URL); the outage tests start a Redis of their
// own. PostgreSQL: the suite under scripts/with-postgres.sh (npm run test:postgres runs both).
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createLocalFirstLimiter, createRateLimiter, createRateLimitSync, stopRateLimitSync, type RateLimitStoreTarget, type RateLimitSync } from "@/lib/http/rate-limit";
import { COUNTER_KEY_PREFIX, type CounterStore } from "@/lib/http/rate-limit/counter-store";
import { postgresConnection, redisConnection } from "@/lib/http/rate-limit/connections";
import { OutageLog } from "@/lib/http/rate-limit/outage-log";
import { postgresCounterStore } from "@/lib/http/rate-limit/postgres-counter-store";
import { redisCounterStore } from "@/lib/http/rate-limit/redis-counter-store";
import { testPort } from "../helpers/identify-server";
import { isPostgres } from "../helpers/raw-sql";
import { throwawayRedis } from "../helpers/throwaway-services";

const redisUrl = process.env.REQIO_TEST_REDIS_URL?.trim();
const postgresUrl = isPostgres() ? process.env.DATABASE_URL : undefined;
const DAY = 86_400; // long windows: a run never straddles two
const INTERVAL_MS = 100;

const storeKey = (prefix: string, key: string) => `${COUNTER_KEY_PREFIX}${prefix}:${Math.floor(Date.now() / (DAY * 1000))}:${key}`;

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => void process.on("unhandledRejection", onUnhandled));
afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
  expect(unhandled).toEqual([]);
});

/** Two exact limiters under one name, as on two instances: one count between them (3, then refused). */
async function twoExactLimitersSharingOneCount() {
  const options = { keyPrefix: `it:${randomUUID()}`, points: 3, durationSeconds: 60 };
  const [a, b] = [createRateLimiter(options), createRateLimiter(options)];
  for (const limiter of [a, b, a]) expect((await limiter.consume("user")).allowed).toBe(true);
  expect((await b.consume("user")).allowed).toBe(false);
  return { a, b, keyPrefix: options.keyPrefix };
}

/** Per store: how the test reads a counter's total, and a store of its own for batch-level checks. */
type StoreUnderTest = { target: RateLimitStoreTarget; read(key: string): Promise<number>; counterStore(): CounterStore; close(): Promise<void> };

function redisUnderTest(url: string): StoreUnderTest {
  const checker = new Redis(url);
  return {
    target: { kind: "redis", url },
    read: async (key) => Number(await checker.get(key)),
    counterStore: () => redisCounterStore(redisConnection(url, new OutageLog("redis", "test"))),
    close: async () => void checker.disconnect(),
  };
}

function postgresUnderTest(url: string): StoreUnderTest {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  return {
    target: { kind: "postgresql", url },
    read: async (key) => Number((await pool.query(`SELECT points FROM "RateLimiterFlexible" WHERE key = $1`, [key])).rows[0]?.points ?? 0),
    counterStore: () => postgresCounterStore(postgresConnection(url, new OutageLog("postgresql", "test"), 1)),
    close: () => pool.end(),
  };
}

const stores = [
  { name: "Redis (needs REQIO_TEST_REDIS_URL from scripts/with-redis.sh; skipped without it)", url: redisUrl, open: redisUnderTest },
  { name: "PostgreSQL (needs the PostgreSQL suite, scripts/with-postgres.sh; skipped on SQLite)", url: postgresUrl, open: postgresUnderTest },
];

describe.each(stores)("local-first limits shared through $name", ({ url, open }) => {
  const engines: RateLimitSync[] = [];
  let store: StoreUnderTest;
  const engine = () => {
    const sync = createRateLimitSync(store.target, { intervalMs: INTERVAL_MS })!;
    engines.push(sync);
    return sync;
  };
  beforeAll(() => {
    if (url) store = open(url);
  });
  afterAll(async () => {
    await Promise.all(engines.map((sync) => sync.stop()));
    await store?.close();
  });

  it.skipIf(!url)("two instances on one key admit at least the budget, at most the budget + two sync intervals of the other's", async () => {
    const prefix = `it:${randomUUID()}`;
    const points = 300;
    const limiters = [engine(), engine()].map((sync) => createLocalFirstLimiter({ keyPrefix: prefix, points, durationSeconds: DAY, sync }));
    const admitted = [0, 0];
    const started = Date.now();
    let attempts = 0;
    while (Date.now() - started < 2500) {
      limiters.forEach((limiter, i) => {
        if (limiter.consume("key").allowed) admitted[i]! += 1;
      });
      attempts += 1;
      await new Promise((resolve) => setTimeout(resolve, 2)); // paced load; the engines sync in between
    }
    const combined = admitted[0]! + admitted[1]!;
    // The documented overshoot is what the other instance admits in two sync intervals plus a round
    // trip, one more interval of room for timer jitter; a loaded machine stretches both, so the bound
    // uses the longest interval and round trip the engines actually had (in a quiet run: ~100 ms, a few ms).
    const perMs = attempts / (Date.now() - started);
    const longestGap = Math.max(INTERVAL_MS, ...engines.map((sync) => sync.stats.longestGapMs));
    const longestRoundTrip = Math.max(...engines.map((sync) => sync.stats.longestRoundTripMs));
    expect(combined).toBeGreaterThanOrEqual(points);
    expect(combined).toBeLessThanOrEqual(points + Math.ceil(perMs * (2 * longestGap + longestRoundTrip + INTERVAL_MS)));
    expect(combined).toBeLessThan(2 * points); // unshared, each instance would admit the whole budget
    await Promise.all(engines.map((sync) => sync.flush()));
    expect(await store.read(storeKey(prefix, "key"))).toBe(combined);
  });

  it.skipIf(!url)("one round trip per batch; a batch sent again under the same id (its answer was lost) counts once", async () => {
    const counters = store.counterStore();
    const keys = [`${COUNTER_KEY_PREFIX}it:${randomUUID()}:b`, `${COUNTER_KEY_PREFIX}it:${randomUUID()}:a`];
    const items = (n: number) => keys.map((key, i) => ({ key, increment: n * (i + 1), expiresAt: Date.now() + 60_000 }));
    const idExpiresAt = Date.now() + 120_000;
    expect(await counters.apply({ id: `one-${randomUUID()}`, idExpiresAt, items: items(2) })).toEqual([2, 4]);
    const again = `two-${randomUUID()}`;
    expect(await counters.apply({ id: again, idExpiresAt, items: items(1) })).toEqual([3, 6]);
    expect(await counters.apply({ id: again, idExpiresAt, items: items(1) })).toEqual([3, 6]);
    expect(await counters.apply({ id: null, idExpiresAt, items: items(0) })).toEqual([3, 6]);
    await counters.close();
  });
});

describe.skipIf(!postgresUrl)("PostgreSQL store trouble and exact limits (needs the PostgreSQL suite; skipped on SQLite)", () => {
  const url = postgresUrl!;
  const engines: RateLimitSync[] = [];
  let admin: pg.Client;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  });
  afterAll(async () => {
    await Promise.all(engines.map((sync) => sync.stop()));
    await stopRateLimitSync();
    await admin.end();
  });
  const total = async (prefix: string) =>
    Number((await admin.query(`SELECT points FROM "RateLimiterFlexible" WHERE key = $1`, [storeKey(prefix, "key")])).rows[0]?.points ?? 0);
  const engine = () => {
    const sync = createRateLimitSync({ kind: "postgresql", url }, { intervalMs: INTERVAL_MS })!;
    engines.push(sync);
    return sync;
  };

  it("connections dropped by the server: no crash, decisions go on, and the counts arrive once it reconnects", async () => {
    const prefix = `it:${randomUUID()}`;
    const sync = engine();
    const limiter = createLocalFirstLimiter({ keyPrefix: prefix, points: 10_000, durationSeconds: DAY, sync });
    for (let i = 0; i < 6; i++) limiter.consume("key");
    await waitFor(async () => (await total(prefix)) === 6, "the first 6 in PostgreSQL");
    // Ends every other session on this database: the engines' pooled connections among them.
    const { rowCount } = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    expect(rowCount).toBeGreaterThan(0);
    for (let i = 0; i < 9; i++) expect(limiter.consume("key")).toEqual({ allowed: true });
    await waitFor(async () => (await total(prefix)) === 15, "all 15 in PostgreSQL");
  });

  it("the exact shared limiter (sign-in flows) keeps one count for every instance", async () => {
    const { a, b } = await twoExactLimitersSharingOneCount();
    await b.reset("user");
    expect((await a.consume("user")).allowed).toBe(true);
  });
});

describe.skipIf(!redisUrl)("a Redis outage mid-run (needs REQIO_TEST_REDIS_URL from scripts/with-redis.sh; skipped without it)", () => {
  // A Redis of this test's own, so pausing or killing it disturbs nobody; restarted on the same port.
  const redis = throwawayRedis(testPort(30));
  let checker: Redis;
  let engine: RateLimitSync;
  const logLines: string[] = [];
  let pid = 0; // the server's, for SIGSTOP and SIGCONT
  const startRedis = async () => {
    await redis.start();
    pid = Number(/process_id:(\d+)/.exec(await checker.info("server"))?.[1]);
  };
  const signal = (name: NodeJS.Signals) => {
    if (!(pid > 0)) throw new Error("no Redis pid"); // never signal pid 0 (our own process group)
    try {
      process.kill(pid, name);
    } catch {} // already gone (killed by a test)
  };

  beforeAll(async () => {
    checker = new Redis(redis.url, { retryStrategy: () => 50 });
    checker.on("error", () => undefined);
    await startRedis();
    vi.spyOn(console, "log").mockImplementation((line: unknown) => void logLines.push(String(line)));
    engine = createRateLimitSync({ kind: "redis", url: redis.url }, { intervalMs: INTERVAL_MS })!;
    process.env.REDIS_URL = redis.url; // the exact limiters' store
  });
  afterEach(() => {
    if (pid > 0) signal("SIGCONT");
  });
  afterAll(async () => {
    await engine.stop();
    await stopRateLimitSync();
    delete process.env.REDIS_URL;
    vi.restoreAllMocks();
    checker.disconnect();
    await redis.stop();
  });

  const outageLines = (text: string) => logLines.filter((line) => line.includes(text)).length;
  const total = async (prefix: string) => Number(await checker.get(storeKey(prefix, "k")));

  it("paused (SIGSTOP): consume keeps answering synchronously; the counts reach Redis once it resumes, exactly once", async () => {
    const prefix = `it:${randomUUID()}`;
    const limiter = createLocalFirstLimiter({ keyPrefix: prefix, points: 10_000, durationSeconds: DAY, sync: engine });
    for (let i = 0; i < 10; i++) limiter.consume("k");
    await waitFor(async () => (await total(prefix)) === 10, "the first 10 in Redis");

    signal("SIGSTOP");
    const failedBefore = engine.stats.failedBatches;
    const started = performance.now();
    for (let i = 0; i < 25; i++) expect(limiter.consume("k")).toEqual({ allowed: true });
    expect(performance.now() - started).toBeLessThan(50);
    await waitFor(() => engine.stats.failedBatches >= failedBefore + 3, "three batches to time out");
    for (let i = 0; i < 5; i++) expect(limiter.consume("k")).toEqual({ allowed: true });
    expect(outageLines("rate-limit store unreachable")).toBe(1); // once per outage, not per batch

    signal("SIGCONT");
    await waitFor(async () => (await total(prefix)) === 40, "all 40 in Redis after SIGCONT");
    await waitFor(() => outageLines("rate-limit store reachable again") === 1, "the recovery line");
    // Every copy of the batch that was in doubt has now been executed by Redis: still 40.
    await engine.flush();
    expect(await total(prefix)).toBe(40);
  });

  it("killed and restarted empty: the increments made meanwhile arrive by themselves", async () => {
    const prefix = `it:${randomUUID()}`;
    const limiter = createLocalFirstLimiter({ keyPrefix: prefix, points: 20, durationSeconds: DAY, sync: engine });
    for (let i = 0; i < 4; i++) limiter.consume("k");
    await waitFor(async () => (await total(prefix)) === 4, "the first 4 in Redis");

    await redis.stop(); // SIGKILL
    const failedBefore = engine.stats.failedBatches;
    for (let i = 0; i < 7; i++) expect(limiter.consume("k")).toEqual({ allowed: true });
    await waitFor(() => engine.stats.failedBatches >= failedBefore + 2, "two failed batches");
    await startRedis(); // same port, no data: what was admitted since the kill is all there is to send
    await waitFor(async () => (await total(prefix).catch(() => -1)) === 7, "the 7 made during the outage", 20_000);
    await engine.flush();
    expect(await total(prefix)).toBe(7);
    // Redis forgot 4 of this instance's 11; the instance doesn't: 9 more, not 13.
    let more = 0;
    while (limiter.consume("k").allowed) more += 1;
    expect(more).toBe(9);
  });

  it("the exact shared limiter (sign-in flows) answers from its insurance while Redis is paused, then shares again", async () => {
    const { a, b, keyPrefix } = await twoExactLimitersSharingOneCount();

    signal("SIGSTOP");
    const started = Date.now();
    const verdict = await a.consume("someone-else");
    expect(verdict).toEqual({ allowed: true });
    expect(Date.now() - started).toBeLessThan(1500);
    await expect(a.reset("user")).resolves.toBeUndefined();
    signal("SIGCONT");

    let attempt = 0;
    await waitFor(async () => {
      const key = `fresh-${(attempt += 1)}`;
      await b.consume(key);
      return (await checker.get(`${keyPrefix}:${key}`)) === "1";
    }, "a check counted in Redis again");
  });
});
