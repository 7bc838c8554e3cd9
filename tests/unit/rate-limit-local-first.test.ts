import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLocalFirstLimiter, defaultRateLimitSync, rateLimitStoreTarget } from "@/lib/http/rate-limit";
import { ConfigError } from "@/lib/config/errors";

const MINUTE = 60_000;
/** A window start: windows are aligned to the epoch (floor(now / duration)). */
const WINDOW_START = Date.UTC(2026, 0, 1, 12, 0, 0);

const limiter = (points: number, durationSeconds = 60) =>
  createLocalFirstLimiter({ keyPrefix: `test:${randomUUID()}`, points, durationSeconds, sync: null });

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(WINDOW_START + 15_000);
});
afterEach(() => vi.useRealTimers());

describe("createLocalFirstLimiter in memory", () => {
  it("answers synchronously: N allowed, then refused until the window's end", () => {
    const rl = limiter(3);
    for (let i = 0; i < 3; i++) expect(rl.consume("k")).toEqual({ allowed: true });
    expect(rl.consume("k")).toEqual({ allowed: false, retryAfterSeconds: 45 });
    vi.setSystemTime(WINDOW_START + 59_001);
    expect(rl.consume("k")).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("Retry-After is a whole number of seconds between 1 and the window", () => {
    const rl = limiter(1, 10);
    vi.setSystemTime(WINDOW_START);
    rl.consume("k");
    for (const offset of [0, 1, 4_321, 9_999]) {
      vi.setSystemTime(WINDOW_START + offset);
      const verdict = rl.consume("k");
      expect(verdict.allowed).toBe(false);
      if (verdict.allowed) return;
      expect(Number.isInteger(verdict.retryAfterSeconds)).toBe(true);
      expect(verdict.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(verdict.retryAfterSeconds).toBeLessThanOrEqual(10);
    }
  });

  it("rolls over: the next window starts from zero, refusals don't carry over", () => {
    const rl = limiter(2);
    rl.consume("k");
    rl.consume("k");
    for (let i = 0; i < 5; i++) expect(rl.consume("k").allowed).toBe(false);
    vi.setSystemTime(WINDOW_START + MINUTE);
    expect(rl.consume("k").allowed).toBe(true);
    expect(rl.consume("k").allowed).toBe(true);
    expect(rl.consume("k")).toEqual({ allowed: false, retryAfterSeconds: 60 });
    vi.setSystemTime(WINDOW_START + 3 * MINUTE + 30_000);
    expect(rl.consume("k").allowed).toBe(true);
  });

  it("peek() tells whether the next consume would be refused, and consumes nothing", () => {
    const rl = limiter(2);
    for (let i = 0; i < 10; i++) expect(rl.peek("k")).toEqual({ allowed: true });
    expect(rl.consume("k").allowed).toBe(true);
    expect(rl.peek("k")).toEqual({ allowed: true });
    expect(rl.consume("k").allowed).toBe(true);
    expect(rl.peek("k")).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(rl.peek("other")).toEqual({ allowed: true });
    vi.setSystemTime(WINDOW_START + MINUTE);
    expect(rl.peek("k")).toEqual({ allowed: true });
  });

  it("a failure budget: peek before the work, consume only when it failed", () => {
    const failures = limiter(3);
    let admitted = 0;
    for (let attempt = 0; attempt < 10; attempt++) {
      if (!failures.peek("client").allowed) continue;
      admitted += 1;
      const failed = attempt % 2 === 0;
      if (failed) failures.consume("client");
    }
    // Attempts 0..4 get through (failures at 0, 2 and 4); from attempt 5 on the budget is spent.
    expect(admitted).toBe(5);
  });

  it("charges cost > 1 and refuses a cost that doesn't fit, without charging it", () => {
    const rl = limiter(5);
    expect(rl.consume("k", 3).allowed).toBe(true);
    expect(rl.consume("k", 3).allowed).toBe(false);
    expect(rl.consume("k", 2).allowed).toBe(true);
    expect(rl.consume("k").allowed).toBe(false);
    expect(limiter(5).consume("k", 6).allowed).toBe(false);
    expect(() => rl.consume("k", 0)).toThrow(RangeError);
    expect(() => rl.consume("k", 1.5)).toThrow(RangeError);
  });

  it("counts keys and limiters separately", () => {
    const [a, b] = [limiter(1), limiter(1)];
    expect(a.consume("x").allowed).toBe(true);
    expect(a.consume("x").allowed).toBe(false);
    expect(a.consume("y").allowed).toBe(true);
    expect(b.consume("x").allowed).toBe(true);
  });
});

describe("rate-limit store choice", () => {
  it.each([
    [{}, { kind: "memory" }],
    [{ DATABASE_URL: "file:./data/reqio.db" }, { kind: "memory" }],
    [{ DATABASE_URL: "postgresql://u:p@db:5432/reqio" }, { kind: "postgresql", url: "postgresql://u:p@db:5432/reqio" }],
    [{ DATABASE_URL: "postgres://u:p@db/reqio" }, { kind: "postgresql", url: "postgres://u:p@db/reqio" }],
    [{ REDIS_URL: "redis://cache:6379/0" }, { kind: "redis", url: "redis://cache:6379/0" }],
    [{ REDIS_URL: " rediss://cache:6380 ", DATABASE_URL: "postgresql://u:p@db/reqio" }, { kind: "redis", url: "rediss://cache:6380" }],
  ])("%j -> %j", (env, target) => {
    expect(rateLimitStoreTarget(env)).toEqual(target);
  });

  it("refuses a REDIS_URL that isn't redis:// or rediss://", () => {
    expect(() => rateLimitStoreTarget({ REDIS_URL: "cache:6379" })).toThrow(ConfigError);
    expect(() => rateLimitStoreTarget({ REDIS_URL: "http://cache" })).toThrow(/REDIS_URL must start with redis:\/\/ or rediss:\/\//);
  });

  it("the embedded default (SQLite, no REDIS_URL) shares nothing and starts no timer", () => {
    vi.stubEnv("REDIS_URL", "");
    vi.stubEnv("DATABASE_URL", "");
    try {
      expect(defaultRateLimitSync()).toBeNull();
      const rl = createLocalFirstLimiter({ keyPrefix: `test:${randomUUID()}`, points: 1, durationSeconds: 60 });
      expect(rl.consume("k").allowed).toBe(true);
      expect(rl.consume("k").allowed).toBe(false);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
