import { describe, expect, it } from "vitest";
import { CHALLENGE_TTL_MS, challengeToken, readChallengeToken } from "@/lib/auth/second-factor/webauthn-challenge-token";

// The passkey challenge cookie's signing and checks, key passed in: no config, no database, no cookies.
const KEY = "test-auth-secret";
const t0 = 1_800_000_000_000;
const CHALLENGE = "dGhlLWNoYWxsZW5nZS10aGUtc2VydmVyLXNlbnQ";
const token = challengeToken(KEY, "authenticate", "user_1", CHALLENGE, t0);
const read = (value: string | undefined, overrides: { purpose?: "register" | "authenticate"; userId?: string; now?: number; key?: string } = {}) =>
  readChallengeToken(overrides.key ?? KEY, value, overrides.purpose ?? "authenticate", overrides.userId ?? "user_1", overrides.now ?? t0);

describe("the passkey challenge cookie", () => {
  it("gives back the challenge and when it was issued, for its user and purpose, for 5 minutes", () => {
    expect(read(token)).toEqual({ challenge: CHALLENGE, issuedAt: t0 });
    expect(read(token, { now: t0 + CHALLENGE_TTL_MS - 1 })).toEqual({ challenge: CHALLENGE, issuedAt: t0 });
  });

  it("is refused as expired 5 minutes after it was issued, and when it claims to be issued later than now", () => {
    expect(read(token, { now: t0 + CHALLENGE_TTL_MS })).toEqual({ refused: "expired" });
    expect(read(token, { now: t0 - 1 })).toEqual({ refused: "expired" });
  });

  it("is another account's for another user, and not this ceremony's for the other purpose", () => {
    expect(read(token, { userId: "user_2" })).toEqual({ refused: "not_yours" });
    expect(read(token, { purpose: "register" })).toEqual({ refused: "not_yours" });
  });

  it("can't be edited: a changed challenge, user, purpose or time, another key, or junk is no challenge at all", () => {
    const [purpose, user, at, challenge, signature] = token.split(".") as [string, string, string, string, string];
    expect([purpose, user, at, challenge]).toEqual(["authenticate", "user_1", String(t0), CHALLENGE]);
    for (const forged of [
      [purpose, user, at, "YW5vdGhlci1jaGFsbGVuZ2U", signature],
      [purpose, "user_2", at, challenge, signature],
      ["register", user, at, challenge, signature],
      [purpose, user, String(t0 + 60_000), challenge, signature],
    ]) {
      expect(read(forged.join("."), { userId: forged[1], purpose: forged[0] as "register", now: t0 + 1 })).toEqual({ refused: "missing" });
    }
    expect(read(token, { key: "another-key" })).toEqual({ refused: "missing" });
    for (const junk of [undefined, "", "a.b.c", `${token}.extra`, `${token}x`]) expect(read(junk)).toEqual({ refused: "missing" });
  });
});
