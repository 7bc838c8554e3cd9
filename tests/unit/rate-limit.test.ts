import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { createRateLimiter, formatRetryAfter } from "@/lib/http/rate-limit";

const limiter = (points: number, durationSeconds = 60) =>
  createRateLimiter({ keyPrefix: `test:${randomUUID()}`, points, durationSeconds });

describe("createRateLimiter", () => {
  it("allows N then refuses with a positive retryAfterSeconds within the window", async () => {
    const rl = limiter(3, 60);
    for (let i = 0; i < 3; i++) expect(await rl.consume("k")).toEqual({ allowed: true });
    for (let i = 0; i < 3; i++) {
      const verdict = await rl.consume("k");
      expect(verdict.allowed).toBe(false);
      if (verdict.allowed) return;
      expect(verdict.retryAfterSeconds).toBeGreaterThan(0);
      expect(verdict.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect(Number.isInteger(verdict.retryAfterSeconds)).toBe(true);
    }
  });

  it("counts keys separately", async () => {
    const rl = limiter(1);
    expect((await rl.consume("a")).allowed).toBe(true);
    expect((await rl.consume("a")).allowed).toBe(false);
    expect((await rl.consume("b")).allowed).toBe(true);
  });

  it("limiters with different prefixes do not share counts", async () => {
    const [a, b] = [limiter(1), limiter(1)];
    expect((await a.consume("same")).allowed).toBe(true);
    expect((await b.consume("same")).allowed).toBe(true);
    expect((await a.consume("same")).allowed).toBe(false);
  });

  it("reset() allows the key again (and only that key)", async () => {
    const rl = limiter(2);
    for (const key of ["x", "y"]) {
      await rl.consume(key);
      await rl.consume(key);
      expect((await rl.consume(key)).allowed).toBe(false);
    }
    await rl.reset("x");
    expect((await rl.consume("x")).allowed).toBe(true);
    expect((await rl.consume("x")).allowed).toBe(true);
    expect((await rl.consume("x")).allowed).toBe(false);
    expect((await rl.consume("y")).allowed).toBe(false);
  });

  it("reset() of an unknown key is harmless", async () => {
    await expect(limiter(1).reset("never-seen")).resolves.toBeUndefined();
  });

  it("allows again once the window has passed, not before", async () => {
    vi.useFakeTimers();
    try {
      const rl = limiter(1, 1);
      expect((await rl.consume("k")).allowed).toBe(true);
      expect(await rl.consume("k")).toEqual({ allowed: false, retryAfterSeconds: 1 });
      await vi.advanceTimersByTimeAsync(999);
      expect(await rl.consume("k")).toEqual({ allowed: false, retryAfterSeconds: 1 });
      await vi.advanceTimersByTimeAsync(1);
      expect((await rl.consume("k")).allowed).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("formatRetryAfter", () => {
  it.each([
    [2, "2 seconds"],
    [45, "45 seconds"],
    [89, "89 seconds"],
    [90, "2 minutes"],
    [600, "10 minutes"],
    [900, "15 minutes"],
    [3600, "60 minutes"],
  ])("%i -> %j", (seconds, text) => {
    expect(formatRetryAfter(seconds)).toBe(text);
  });
});
