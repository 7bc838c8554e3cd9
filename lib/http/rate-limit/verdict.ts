/** What a limiter answers: go ahead, or come back after `retryAfterSeconds` (a whole number ≥ 1). */
export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type LimiterOptions = { keyPrefix: string; points: number; durationSeconds: number };

export const ALLOWED: RateLimitVerdict = Object.freeze({ allowed: true });

/** A refusal that lasts `msBeforeNext` (rounded up to whole seconds, at least 1). */
export function refused(msBeforeNext: number): RateLimitVerdict {
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)) };
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
