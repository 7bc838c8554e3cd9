import type { Redis } from "ioredis";
import type { Pool } from "pg";
import { postgresConnection, redisConnection, type Connection } from "./connections";
import { OutageLog } from "./outage-log";
import { postgresCounterStore } from "./postgres-counter-store";
import { redisCounterStore } from "./redis-counter-store";
import { rateLimitStoreTarget, type RateLimitStoreTarget } from "./store-target";
import { RateLimitSync } from "./sync-engine";
import { withTimeout } from "@/lib/async/with-timeout";

/** A sync engine with its own store connection; null for memory (nothing to share with). */
export function createRateLimitSync(target: RateLimitStoreTarget, options: { intervalMs?: number } = {}): RateLimitSync | null {
  if (target.kind === "memory") return null;
  const outage = new OutageLog(target.kind, "local-first sync");
  const store =
    target.kind === "redis"
      ? redisCounterStore(redisConnection(target.url, outage))
      : postgresCounterStore(postgresConnection(target.url, outage, 2));
  return new RateLimitSync({ store, outage, intervalMs: options.intervalMs });
}

/**
 * One engine (one timer) and one set of connections per process, kept on globalThis: the Next
 * bundle and a plain-Node server entry are two copies of these modules in one process.
 */
type ProcessState = {
  sync?: RateLimitSync | null;
  redis?: Connection<Redis>;
  pool?: Connection<Pool>;
  outage?: OutageLog;
};
const STATE = Symbol.for("reqio.rate-limit.process-state");

function state(): ProcessState {
  const holder = globalThis as { [STATE]?: ProcessState };
  return (holder[STATE] ??= {});
}

/** The process's sync engine for the store chosen from the environment (null: memory only). */
export function defaultRateLimitSync(): RateLimitSync | null {
  const current = state();
  if (current.sync === undefined) current.sync = createRateLimitSync(rateLimitStoreTarget());
  return current.sync;
}

/** The connection the async (exact, shared) limiters use, and its outage log. */
export function sharedRedis(url: string): { connection: Connection<Redis>; outage: OutageLog } {
  const current = state();
  current.outage ??= new OutageLog("redis", "shared limiter");
  current.redis ??= redisConnection(url, current.outage);
  return { connection: current.redis, outage: current.outage };
}

export function sharedPostgresPool(url: string): { connection: Connection<Pool>; outage: OutageLog } {
  const current = state();
  current.outage ??= new OutageLog("postgresql", "shared limiter");
  current.pool ??= postgresConnection(url, current.outage, 4);
  return { connection: current.pool, outage: current.outage };
}

/** Sends the pending local-first counts now. Resolves within 2.5 s whatever the store does. */
export async function flushRateLimits(): Promise<void> {
  const sync = state().sync;
  if (sync) await withTimeout(sync.flush(), 2500).catch(() => undefined);
}

/** Graceful shutdown: flushes (bounded), stops the timer and closes every rate-limit connection. */
export async function stopRateLimitSync(): Promise<void> {
  const current = state();
  const { sync, redis, pool } = current;
  delete current.sync;
  delete current.redis;
  delete current.pool;
  delete current.outage;
  const closing = [sync?.stop(), redis?.close(), pool?.close()].map((step) => Promise.resolve(step).catch(() => undefined));
  await withTimeout(Promise.all(closing), 5000).catch(() => undefined);
}
