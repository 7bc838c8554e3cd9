import { resolveDatabaseTarget } from "@/lib/config/database-url";
import { ConfigError } from "@/lib/config/errors";
import type { Env } from "@/lib/config/env";

/** Where rate-limit counts are shared between instances. */
export type RateLimitStoreTarget = { kind: "redis"; url: string } | { kind: "postgresql"; url: string } | { kind: "memory" };

/**
 * Redis when REDIS_URL is set; otherwise PostgreSQL when DATABASE_URL is one (the migrated
 * RateLimiterFlexible table); otherwise process memory (the embedded single-process default).
 */
export function rateLimitStoreTarget(env: Env = process.env): RateLimitStoreTarget {
  const redis = env.REDIS_URL?.trim();
  if (redis) {
    if (!/^rediss?:\/\/./i.test(redis)) {
      throw new ConfigError("REDIS_URL must start with redis:// or rediss:// (e.g. redis://redis.internal:6379/0), or be unset.");
    }
    return { kind: "redis", url: redis };
  }
  const database = resolveDatabaseTarget(env);
  return database.provider === "postgresql" ? { kind: "postgresql", url: database.url } : { kind: "memory" };
}
