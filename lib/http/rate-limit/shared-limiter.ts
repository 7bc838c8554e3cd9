import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { redisReady, STORE_TIMEOUT_MS } from "./connections";
import type { OutageLog } from "./outage-log";
import { sharedPostgresPool, sharedRedis } from "./process-state";
import { rateLimitStoreTarget } from "./store-target";
import { withTimeout } from "@/lib/async/with-timeout";
import { ALLOWED, refused, type LimiterOptions, type RateLimitVerdict } from "./verdict";

export type RateLimiter = {
  consume(key: string): Promise<RateLimitVerdict>;
  reset(key: string): Promise<void>;
};

/** A store call (including waiting for a fresh Redis connection) is given up after this long. */
const CALL_TIMEOUT_MS = 2 * STORE_TIMEOUT_MS;

type Backend = {
  /** The shared store (null: memory only, where the insurance limiter is the limiter). */
  store: { limiter: RateLimiterAbstract; ready(): Promise<void>; outage: OutageLog } | null;
  /** Decides while the store is unreachable or stalled (counts of this process only). */
  insurance: RateLimiterMemory;
};

/**
 * Redis (RateLimiterRedis) when REDIS_URL is set, PostgreSQL (RateLimiterPostgres: one atomic
 * INSERT … ON CONFLICT per check in the migrated RateLimiterFlexible table) when DATABASE_URL is
 * one, process memory otherwise.
 */
async function buildBackend(options: LimiterOptions): Promise<Backend> {
  const common = { keyPrefix: options.keyPrefix, points: options.points, duration: options.durationSeconds };
  const insurance = new RateLimiterMemory(common);
  const target = rateLimitStoreTarget();
  if (target.kind === "memory") return { store: null, insurance };
  if (target.kind === "redis") {
    const { connection, outage } = sharedRedis(target.url);
    const client = await connection.get();
    const limiter = new RateLimiterRedis({ ...common, storeClient: client });
    return { store: { limiter, ready: () => redisReady(client), outage }, insurance };
  }
  const { connection, outage } = sharedPostgresPool(target.url);
  const limiter = new RateLimiterPostgres({
    ...common,
    storeClient: await connection.get(),
    storeType: "pool",
    tableName: "RateLimiterFlexible",
    tableCreated: true, // created by the migrations, never at run time
  });
  return { store: { limiter, ready: async () => undefined, outage }, insurance };
}

function verdictOf(rejection: unknown): RateLimitVerdict | undefined {
  return rejection instanceof RateLimiterRes ? refused(rejection.msBeforeNext) : undefined;
}

/**
 * A named fixed-window limiter with an exact count shared by every instance, for low-volume flows
 * (sign-in, sign-up, reveal, re-authentication, password change): one store round trip per check.
 * If the store is unreachable or slow, the in-memory insurance limiter decides within about
 * CALL_TIMEOUT_MS, so an outage can neither hang nor fail a sign-in.
 */
export function createRateLimiter(options: LimiterOptions): RateLimiter {
  let backend: Promise<Backend> | undefined;
  const get = () => (backend ??= buildBackend(options));
  return {
    async consume(key: string): Promise<RateLimitVerdict> {
      const { store, insurance } = await get();
      if (store) {
        try {
          await withTimeout(store.ready().then(() => store.limiter.consume(key)), CALL_TIMEOUT_MS);
          store.outage.succeeded();
          return ALLOWED;
        } catch (rejection) {
          const verdict = verdictOf(rejection);
          if (verdict) {
            store.outage.succeeded();
            return verdict;
          }
          store.outage.failed(rejection);
        }
      }
      try {
        await insurance.consume(key);
        return ALLOWED;
      } catch (rejection) {
        const verdict = verdictOf(rejection);
        if (verdict) return verdict;
        throw rejection;
      }
    },
    async reset(key: string): Promise<void> {
      const { store, insurance } = await get();
      await insurance.delete(key);
      if (!store) return;
      try {
        await withTimeout(store.ready().then(() => store.limiter.delete(key)), CALL_TIMEOUT_MS);
        store.outage.succeeded();
      } catch (error) {
        store.outage.failed(error);
      }
    },
  };
}
