import { COUNTER_KEY_PREFIX } from "./counter-store";
import { defaultRateLimitSync } from "./process-state";
import type { RateLimitSync, SharedCounter } from "./sync-engine";
import { ALLOWED, refused, type LimiterOptions, type RateLimitVerdict } from "./verdict";

export type LocalFirstLimiter = {
  /** Admits `cost` points of `key`'s budget, or refuses. Synchronous: decided in process memory. */
  consume(key: string, cost?: number): RateLimitVerdict;
  /** Would the next consume(key) be refused? Consumes nothing. */
  peek(key: string): RateLimitVerdict;
};

export type LocalFirstOptions = LimiterOptions & {
  /** The engine that shares counts; default: the process's, chosen from REDIS_URL / DATABASE_URL. null: memory only. */
  sync?: RateLimitSync | null;
};

/** Keys tracked per limiter and window; past this the oldest key is forgotten (a flood of distinct keys). */
const MAX_KEYS = 100_000;
/** Shared counters outlive their window by this long, for clocks a little apart between instances. */
const EXPIRY_SLACK_MS = 10_000;

/**
 * A fixed-window limiter for hot paths: every decision is made in memory, synchronously, with no
 * store round trip. Windows are aligned to the epoch (floor(now / duration)), so every instance
 * counts in the same windows. With a shared store, the process's sync engine sends the increments
 * every 200 ms and brings back the store's totals (see sync-engine.ts); a key's use is estimated as
 * the last total seen plus what this instance admitted since.
 *
 * Overshoot bound: an admission on another instance reaches the store with that instance's next
 * batch and this one sees it with its own next batch: at most two sync intervals plus a round trip
 * later (≈ 400 ms at the default 200 ms; one interval on average, as rounds are out of phase). So a
 * key's window admits at most `points` + what the other instances admit for that key in that time,
 * and never more than `points` × the number of instances (each one counts its own admissions too).
 * While the store is unreachable each instance enforces `points` on its own (so at most `points` ×
 * instances per window); its increments are kept and reach the store once it is back.
 */
export function createLocalFirstLimiter(options: LocalFirstOptions): LocalFirstLimiter {
  const { keyPrefix, points } = options;
  const durationMs = options.durationSeconds * 1000;
  const sync = options.sync === undefined ? defaultRateLimitSync() : options.sync;
  // Windows are aligned, so when the window moves on every key's counter is over at once.
  let window = Number.NaN;
  let counters = new Map<string, SharedCounter>();

  function currentWindow(now: number): number {
    const current = Math.floor(now / durationMs);
    if (current !== window) {
      window = current;
      counters = new Map();
    }
    return current;
  }

  function counterFor(key: string, now: number): SharedCounter {
    const current = currentWindow(now);
    let counter = counters.get(key);
    if (!counter) {
      if (counters.size >= MAX_KEYS) counters.delete(counters.keys().next().value as string);
      const expiresAt = (current + 1) * durationMs + EXPIRY_SLACK_MS;
      counter = { storeKey: `${COUNTER_KEY_PREFIX}${keyPrefix}:${current}:${key}`, expiresAt, shared: 0, pending: 0, sending: 0, own: 0 };
      counters.set(key, counter);
    }
    sync?.touch(counter);
    return counter;
  }

  const used = (counter: SharedCounter) => Math.max(counter.shared + counter.sending + counter.pending, counter.own);
  const windowLeft = (now: number) => (window + 1) * durationMs - now;

  return {
    consume(key: string, cost = 1): RateLimitVerdict {
      if (!Number.isSafeInteger(cost) || cost < 1) throw new RangeError(`cost must be a whole number ≥ 1 (got ${cost})`);
      const now = Date.now();
      const counter = counterFor(key, now);
      if (used(counter) + cost > points) return refused(windowLeft(now));
      counter.pending += cost;
      counter.own += cost;
      return ALLOWED;
    },
    peek(key: string): RateLimitVerdict {
      const now = Date.now();
      currentWindow(now);
      // In memory only, an unseen key has used nothing; with a store, touching it brings its total in.
      const counter = sync ? counterFor(key, now) : counters.get(key);
      return (counter ? used(counter) : 0) + 1 > points ? refused(windowLeft(now)) : ALLOWED;
    },
  };
}
