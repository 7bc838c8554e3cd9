import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Pool } from "pg";
import { resolveDatabaseTarget } from "@/lib/config/database-url";
import { describeError, log } from "@/lib/log";

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };
type LimiterOptions = { keyPrefix: string; points: number; durationSeconds: number };

let sharedPool: Promise<Pool> | undefined;

/** A small pool of its own: a limiter check is one short statement, and must not queue behind app queries. */
function rateLimitPool(url: string): Promise<Pool> {
  sharedPool ??= import("pg").then(({ default: pg }) => {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    // An idle connection dropped by the server (restart, failover) must not crash the process; the
    // next check reconnects, and the insurance limiter covers the gap.
    pool.on("error", (error) => log("warn", "rate-limit connection lost", { error: describeError(error) }));
    return pool;
  });
  return sharedPool;
}

/**
 * On PostgreSQL several instances serve one deployment, so windows live in the database
 * (rate-limiter-flexible's Postgres store: one atomic INSERT … ON CONFLICT per check, in the
 * migrated RateLimiterFlexible table), with an in-memory insurance limiter if the database is
 * unreachable. The single-process embedded default counts in memory.
 */
async function buildLimiter(options: LimiterOptions): Promise<RateLimiterAbstract> {
  const common = { keyPrefix: options.keyPrefix, points: options.points, duration: options.durationSeconds };
  const database = resolveDatabaseTarget();
  if (database.provider !== "postgresql") return new RateLimiterMemory(common);
  return new RateLimiterPostgres({
    ...common,
    storeClient: await rateLimitPool(database.url),
    storeType: "pool",
    tableName: "RateLimiterFlexible",
    tableCreated: true, // created by the migrations, never at run time
    insuranceLimiter: new RateLimiterMemory(common),
  });
}

/** A named fixed-window limiter (rate-limiter-flexible), shared by every instance on PostgreSQL. */
export function createRateLimiter(options: LimiterOptions) {
  let limiter: Promise<RateLimiterAbstract> | undefined;
  const get = () => (limiter ??= buildLimiter(options));
  return {
    async consume(key: string): Promise<RateLimitVerdict> {
      try {
        await (await get()).consume(key);
        return { allowed: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        }
        throw rejection;
      }
    },
    async reset(key: string): Promise<void> {
      await (await get()).delete(key);
    },
  };
}

export function formatRetryAfter(seconds: number): string {
  if (seconds === 1) return "1 second";
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** A positive whole-number limit from the environment, or the default (invalid values are ignored). */
export function limitFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isSafeInteger(value) && value > 0 ? value : fallback;
}
