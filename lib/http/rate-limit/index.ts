// Rate limits. Plain Node (no "server-only", no next/*): the identify fast path imports this outside
// the react-server condition.
export { createLocalFirstLimiter, type LocalFirstLimiter, type LocalFirstOptions } from "./local-first-limiter";
export { createRateLimiter, type RateLimiter } from "./shared-limiter";
export { createRateLimitSync, defaultRateLimitSync, flushRateLimits, stopRateLimitSync } from "./process-state";
export { RateLimitSync } from "./sync-engine";
export { rateLimitStoreTarget, type RateLimitStoreTarget } from "./store-target";
export { formatRetryAfter, limitFromEnv, type LimiterOptions, type RateLimitVerdict } from "./verdict";
