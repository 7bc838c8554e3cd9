import { describe, expect, it } from "vitest";
import {
  SECRET_PATTERN,
  generateIdentitySecret,
  hmacKeyFromSecret,
  lastFour,
  maskSecret,
  secretFingerprint,
} from "@/lib/identity/secret";
import { randomBase62 } from "@/lib/crypto/random-string";
import { generateProjectId, isProjectId } from "@/lib/identity/project-id";

// Written out, not imported: what "base62" means to customers who validate secrets and IDs.
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const PREFIX = "rqio_sk_";

/** Pearson's chi-square statistic of character counts against a uniform distribution over the alphabet. */
function chiSquare(samples: string[], alphabet: string): number {
  const counts = new Map<string, number>([...alphabet].map((c) => [c, 0]));
  let total = 0;
  for (const sample of samples) {
    for (const char of sample) {
      const count = counts.get(char);
      if (count === undefined) throw new Error(`unexpected character ${JSON.stringify(char)}`);
      counts.set(char, count + 1);
      total++;
    }
  }
  const expected = total / alphabet.length;
  let stat = 0;
  for (const count of counts.values()) stat += (count - expected) ** 2 / expected;
  return stat;
}

describe("randomBase62", () => {
  it.each([0, 1, 7, 22, 44, 300])("returns exactly %i base62 characters", (length) => {
    const value = randomBase62(length);
    expect(value).toHaveLength(length);
    expect(value).toMatch(/^[0-9A-Za-z]*$/);
  });

  it("is roughly uniform per character (chi-square, 61 degrees of freedom)", () => {
    const samples = Array.from({ length: 4000 }, () => randomBase62(50));
    // Mean 61, sd ~11; P(stat > 130) is ~1e-6. Plain `byte % 62` (no rejection) scores in the thousands here.
    expect(chiSquare(samples, BASE62)).toBeLessThan(130);
  });
});

describe("generateIdentitySecret", () => {
  const secrets = Array.from({ length: 10_000 }, () => generateIdentitySecret());

  it("is rqio_sk_ + 44 base62 characters (52 total)", () => {
    for (const secret of secrets.slice(0, 500)) {
      expect(secret).toHaveLength(8 + 44);
      expect(secret.startsWith("rqio_sk_")).toBe(true);
      expect(secret.slice(8)).toMatch(/^[0-9A-Za-z]{44}$/);
      expect(secret).toMatch(SECRET_PATTERN);
    }
  });

  it("never repeats over 10,000 secrets (nor does any random part)", () => {
    expect(new Set(secrets).size).toBe(secrets.length);
    expect(new Set(secrets.map((s) => s.slice(8))).size).toBe(secrets.length);
  });

  it("uses every base62 character with roughly equal frequency", () => {
    const stat = chiSquare(secrets.map((s) => s.slice(PREFIX.length)), BASE62);
    expect(stat).toBeLessThan(130);
  });

  it("does not bias any position (first character spread over the alphabet)", () => {
    const firstChars = new Set(secrets.map((s) => s[8]));
    expect(firstChars.size).toBe(62);
  });
});

describe("maskSecret / lastFour", () => {
  it("shows the prefix and the last 4 characters only", () => {
    const secret = generateIdentitySecret();
    const masked = maskSecret(lastFour(secret));
    expect(lastFour(secret)).toBe(secret.slice(-4));
    expect(masked.startsWith(PREFIX)).toBe(true);
    expect(masked.endsWith(secret.slice(-4))).toBe(true);
    // Between prefix and last 4: no base62 character at all, so nothing of the secret's middle.
    expect(masked.slice(PREFIX.length, -4)).toMatch(/^[^0-9A-Za-z]+$/);
    expect(masked).not.toContain(secret);
    const middle = secret.slice(PREFIX.length, -4);
    for (let i = 0; i + 5 <= middle.length; i++) expect(masked).not.toContain(middle.slice(i, i + 5));
  });
});

describe("secretFingerprint", () => {
  it("is 12 hex chars, stable per secret, different across secrets, and not part of the secret", () => {
    const [a, b] = [generateIdentitySecret(), generateIdentitySecret()];
    expect(secretFingerprint(a)).toMatch(/^[0-9a-f]{12}$/);
    expect(secretFingerprint(a)).toBe(secretFingerprint(a));
    expect(secretFingerprint(a)).not.toBe(secretFingerprint(b));
    expect(a).not.toContain(secretFingerprint(a));
  });
});

describe("hmacKeyFromSecret", () => {
  it("is exactly the UTF-8 bytes of the secret string (what the docs tell customers)", () => {
    const secret = generateIdentitySecret();
    const key = hmacKeyFromSecret(secret);
    expect(key).toBeInstanceOf(Uint8Array);
    expect(key).toHaveLength(52);
    expect(Array.from(key)).toEqual(Array.from(new TextEncoder().encode(secret)));
    expect(Buffer.from(key).toString("utf8")).toBe(secret);
  });
});

describe("generateProjectId", () => {
  it("matches prj_ + 22 base62 characters", () => {
    for (let i = 0; i < 500; i++) {
      const id = generateProjectId();
      expect(id).toMatch(/^prj_[0-9A-Za-z]{22}$/);
      expect(isProjectId(id)).toBe(true);
    }
  });

  it("never repeats over 10,000 IDs", () => {
    const ids = Array.from({ length: 10_000 }, () => generateProjectId());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(["", "prj_", `prj_${"a".repeat(21)}`, `prj_${"a".repeat(23)}`, `PRJ_${"a".repeat(22)}`, `prj_${"a".repeat(21)}/`, "../etc/passwd"])(
    "isProjectId rejects %j",
    (value) => expect(isProjectId(value)).toBe(false),
  );
});
