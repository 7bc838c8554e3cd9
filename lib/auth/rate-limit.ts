import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A named fixed-window limiter (rate-limiter-flexible). In memory for the single-process embedded
 * default; the same interface can be backed by PostgreSQL or Redis for several instances.
 */
export function createRateLimiter(options: { keyPrefix: string; points: number; durationSeconds: number }) {
  const limiter = new RateLimiterMemory({
    keyPrefix: options.keyPrefix,
    points: options.points,
    duration: options.durationSeconds,
  });
  return {
    async consume(key: string): Promise<RateLimitVerdict> {
      try {
        await limiter.consume(key);
        return { allowed: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        }
        throw rejection;
      }
    },
    async reset(key: string): Promise<void> {
      await limiter.delete(key);
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
