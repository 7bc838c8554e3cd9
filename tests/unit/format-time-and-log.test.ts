import { afterEach, describe, expect, it, vi } from "vitest";
import { SignJWT } from "jose";
import { formatRelativeTime } from "@/lib/format-time";
import { describeError, log, redact } from "@/lib/log";
import { generateIdentitySecret } from "@/lib/identity/secret";

describe("formatRelativeTime", () => {
  const now = new Date("2026-11-24T12:00:00Z");
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

  it.each([
    [0, "just now"],
    [10, "just now"],
    [59, "just now"],
    [60, "1 minute ago"],
    [5 * 60, "5 minutes ago"],
    [2 * 3600, "2 hours ago"],
    [24 * 3600, "yesterday"],
    [3 * 24 * 3600, "3 days ago"],
    [3 * 24 * 3600 + 5 * 3600, "3 days ago"],
    [14 * 24 * 3600, "2 weeks ago"],
    [45 * 24 * 3600, "last month"],
    [400 * 24 * 3600, "last year"],
    [-5 * 60, "in 5 minutes"],
    [-10, "just now"],
  ])("%i s before now -> %j", (seconds, text) => {
    expect(formatRelativeTime(ago(seconds), now)).toBe(text);
  });

  it("defaults `now` to the current time", () => {
    expect(formatRelativeTime(new Date(Date.now() - 3 * 24 * 3600 * 1000))).toBe("3 days ago");
  });
});

describe("redact", () => {
  it("redacts identity secrets wherever they appear", () => {
    const secret = generateIdentitySecret();
    const out = redact(`REQIO_SECRET=${secret} and again:${secret}.`);
    expect(out).toBe("REQIO_SECRET=rqio_sk_[redacted] and again:rqio_sk_[redacted].");
    expect(out).not.toContain(secret.slice(8));
  });

  it("redacts development secrets (rqio_sk_dev_…) whole, not just up to their second underscore", () => {
    const secret = generateIdentitySecret("development");
    const out = redact(`REQIO_SECRET=${secret}`);
    expect(out).toBe("REQIO_SECRET=rqio_sk_[redacted]");
    expect(out).not.toContain(secret.slice(-20));
  });

  it("redacts JWT-like tokens, including real ones", async () => {
    const token = await new SignJWT({ sub: "user_1" })
      .setProtectedHeader({ alg: "HS256" })
      .sign(new TextEncoder().encode(generateIdentitySecret()));
    const out = redact(`Authorization: Bearer ${token}; done`);
    expect(out).toBe("Authorization: Bearer [redacted-token]; done");
    expect(redact("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln")).toBe("[redacted-token]");
  });

  it("leaves ordinary text alone", () => {
    const text = "Project prj_abc renamed by ada@example.com (fingerprint 0123456789ab), rqio docs";
    expect(redact(text)).toBe(text);
  });
});

describe("log", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes one JSON line with secrets and tokens redacted from message and fields", () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    const secret = generateIdentitySecret();
    log("warn", `oops ${secret}`, { detail: `token eyJa.eyJb.sig and ${secret}`, count: 3 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(secret);
    expect(lines[0]).not.toContain("eyJa.eyJb.sig");
    const parsed = JSON.parse(lines[0]!);
    expect(parsed).toMatchObject({ level: "warn", message: "oops rqio_sk_[redacted]", count: 3 });
    expect(parsed.detail).toBe("token [redacted-token] and rqio_sk_[redacted]");
  });

  it("sends errors to stderr", () => {
    const err = vi.spyOn(console, "error").mockImplementation(() => {});
    const out = vi.spyOn(console, "log").mockImplementation(() => {});
    log("error", "boom");
    expect(err).toHaveBeenCalledTimes(1);
    expect(out).not.toHaveBeenCalled();
  });

  it("describeError names the error and truncates long messages", () => {
    expect(describeError(new TypeError("bad"))).toBe("TypeError: bad");
    expect(describeError("a string")).toBe("non-Error thrown");
    expect(describeError(new Error("x".repeat(1000)))).toHaveLength(500);
  });
});
