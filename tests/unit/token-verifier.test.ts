import { describe, expect, it } from "vitest";
import {
  isValidEmailAddress,
  monthlyRecurringCents,
  verifyIdentityToken,
  type TokenErrorCode,
  type VerifierKey,
  type VerifyOptions,
  type VerifyResult,
} from "@/lib/identity/token-verifier";
import { hmacKeyFromSecret } from "@/lib/identity/secret";
import { TOKEN_CASES, claims, craft, docsToken, traits } from "@/tests/fixtures/token-cases";
import { AUDIENCE, CURRENT_KEY, ctx, NOW, OTHER_SECRET, PREVIOUS_KEY, PREVIOUS_SECRET } from "@/tests/fixtures/verifier-keys";

// 999 ms into the second: the verifier floors to whole seconds.
const options: VerifyOptions = { audience: AUDIENCE, keys: [CURRENT_KEY], now: () => NOW * 1000 + 999 };

const ERROR_CODES: readonly TokenErrorCode[] = [
  "malformed_token",
  "token_too_large",
  "alg_not_allowed",
  "bad_signature",
  "token_expired",
  "token_not_yet_valid",
  "iat_in_future",
  "lifetime_too_long",
  "audience_mismatch",
  "missing_claim",
  "invalid_claim",
];

async function verifyCase(name: string): Promise<VerifyResult> {
  const row = TOKEN_CASES.find((candidate) => candidate.name === name);
  if (row === undefined) throw new Error(`no token case named ${name}`);
  return verifyIdentityToken(await row.make(ctx), options);
}

function failure(result: VerifyResult) {
  if (result.ok) throw new Error(`expected a failure, got ok for ${result.user.id}`);
  return result;
}

describe("TOKEN_CASES table", () => {
  it("has at least 40 uniquely named rows covering every error code and ok", () => {
    expect(TOKEN_CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(TOKEN_CASES.map((row) => row.name)).size).toBe(TOKEN_CASES.length);
    const expected = new Set(TOKEN_CASES.map((row) => row.expect));
    for (const code of [...ERROR_CODES, "ok"]) expect(expected, code).toContain(code);
  });

  it("builds the same token twice from the same ctx (no module state)", async () => {
    for (const row of TOKEN_CASES) expect(await row.make(ctx), row.name).toBe(await row.make(ctx));
  });

  it.each(TOKEN_CASES)("$name → $expect", async (row) => {
    const result = await verifyIdentityToken(await row.make(ctx), options);
    if (row.expect === "ok") {
      expect(result, JSON.stringify(result)).toMatchObject({ ok: true, keyId: CURRENT_KEY.id });
    } else {
      expect(result, JSON.stringify(result)).toMatchObject({ ok: false, code: row.expect });
      const { message, claim } = failure(result);
      expect(message.length).toBeGreaterThan(10);
      if (claim !== undefined) expect(message).toContain(claim.split(".").pop());
    }
  });
});

describe("messages name the claim", () => {
  const cases: Array<[string, string | undefined, RegExp | string]> = [
    ["missing exp", "exp", "The `exp` claim is missing"],
    ["missing iat", "iat", "The `iat` claim is missing"],
    ["missing sub", "sub", "The `sub` claim is missing"],
    ["missing aud", "aud", `.setAudience("${AUDIENCE}")`],
    ["amount float 29.99", "traits.amount", "`traits.amount` must be a whole number of cents (got 29.99): send 2999, not 29.99."],
    ["aud trailing slash", "aud", `\`aud\` is "${AUDIENCE}/" but this project expects "${AUDIENCE}" (remove the trailing slash).`],
    ["aud other host", "aud", /the host differs: "evil\.example" instead of "app\.reqio\.test"/],
    ["aud http instead of https", "aud", "use https:// instead of http://"],
    ["aud other project", "aud", /^This token is for project "prj_\w+", not this one/],
    ["expired 61 s ago", "exp", /^The token expired 61 seconds ago \(exp 1759999939 = 2025-10-\d\dT[\d:.]+Z\)/],
    ["iat 120 s in the future", "iat", /^`iat` is 120 seconds in the future/],
    ["lifetime 3600 s", "exp", /lives 3600 seconds \(`exp` - `iat`\); the maximum is 300/],
    ["exp 1e309 (Infinity after JSON.parse)", "exp", /`exp` must be a whole number .*too large to represent/],
    ["iat float", "iat", /`iat` must be a whole number of seconds .*\(got 1760000000\.5\): use Math\.floor\(Date\.now\(\) \/ 1000\)/],
    ["exp as string", "exp", /`exp` .* not a string \(got "1760000300"\)/],
    ["sub 256 characters", "sub", "`sub` is 256 characters; the maximum is 255."],
    ["sub number", "sub", /`sub` must be a string .*String\(user\.id\)/],
    ["email 255 characters", "email", "`email` is 255 characters; the maximum is 254."],
    ["email invalid", "email", '`email` is not a valid email address (got "not-an-email").'],
    ["plan 65 characters", "traits.plan", "`traits.plan` is 65 characters; the maximum is 64."],
    ["amount negative", "traits.amount", "`traits.amount` must not be negative (got -100)."],
    ["amount string", "traits.amount", /not a string \(got "2900"\)/],
    ["interval week", "traits.interval", '`traits.interval` must be "month" or "year" (got "week").'],
    ["interval monthly", "traits.interval", 'send "month"'],
    ["traits array", "traits", /`traits` must be an object .*\(got an array\)/],
    ["nbf 120 s in the future", "nbf", /^`nbf` is 120 seconds in the future/],
    ["__proto__ in payload", "__proto__", "`__proto__`"],
    ["__proto__ in traits", "traits.__proto__", "`traits` contains a `__proto__` member"],
    ["duplicate sub claim", undefined, 'contains the member "sub" twice'],
    ["duplicate claim via escaped name", undefined, 'contains the member "sub" twice'],
    ['"Bearer " prefix', undefined, "send the bare token"],
    ["surrounding whitespace", undefined, "send the bare token"],
    ["trailing newline", undefined, "send the bare token"],
    ['alg "none", empty signature', undefined, /`alg` is "none".*unsigned tokens are never accepted/],
    ["alg RS256 key confusion (HMAC with the secret)", undefined, /`alg` is "RS256", but only "HS256" is allowed/],
    ["alg missing", undefined, "The header has no `alg`"],
    ["token of 8193 bytes", undefined, "The token is 8193 bytes; the limit is 8192."],
    ["two parts only", undefined, "this one has 2"],
    ["crit header with unknown extension", undefined, "`crit`"],
  ];
  it.each(cases)("%s", async (name, claim, expected) => {
    const result = failure(await verifyCase(name));
    expect(result.claim).toBe(claim);
    if (typeof expected === "string") expect(result.message).toContain(expected);
    else expect(result.message).toMatch(expected);
  });
});

describe("successful verification", () => {
  it("returns the user, the key id, iat and the age", async () => {
    const result = await verifyIdentityToken(await docsToken(ctx, { iat: NOW - 42, exp: NOW + 258 }), options);
    expect(result).toEqual({
      ok: true,
      user: { id: "user_123", email: "ada@example.com", plan: "pro", interval: "month", amountCents: 2900, mrrCents: 2900 },
      keyId: "key_current",
      issuedAt: NOW - 42,
      ageSeconds: 42,
    });
  });

  it("reports a negative age for an iat slightly in the future", async () => {
    const result = await verifyCase("valid: iat 30 s in the future (within skew)");
    expect(result).toMatchObject({ ok: true, ageSeconds: -30, issuedAt: NOW + 30 });
  });

  it.each([
    ["monthly", traits({ amount: 2900, interval: "month" }), 2900, 2900],
    ["yearly rounds amount / 12", traits({ amount: 29000, interval: "year" }), 29000, 2417],
    ["yearly small amount", traits({ amount: 100, interval: "year" }), 100, 8],
    ["free plan", traits({ amount: 0, interval: "month" }), 0, 0],
    ["amount without interval", { plan: "pro", amount: 2900 }, 2900, null],
    ["interval without amount", { plan: "pro", interval: "year" }, null, null],
    ["null members are not set", { plan: null, amount: null, interval: null }, null, null],
  ])("mrrCents: %s", async (_name, traitValues, amountCents, mrrCents) => {
    const result = await verifyIdentityToken(craft(ctx, claims(ctx, { traits: traitValues })), options);
    expect(result).toMatchObject({ ok: true, user: { amountCents, mrrCents } });
  });

  it("monthlyRecurringCents", () => {
    expect(monthlyRecurringCents(1199, "year")).toBe(100);
    expect(monthlyRecurringCents(1205, "year")).toBe(100);
    expect(monthlyRecurringCents(1206, "year")).toBe(101);
    expect(monthlyRecurringCents(500, "month")).toBe(500);
    expect(monthlyRecurringCents(null, "month")).toBeNull();
    expect(monthlyRecurringCents(500, null)).toBeNull();
  });

  it("returns null user fields when traits and email are absent", async () => {
    const result = await verifyIdentityToken(await docsToken(ctx, { traits: undefined, email: undefined }), options);
    expect(result).toMatchObject({ ok: true, user: { id: "user_123", email: null, plan: null, interval: null, amountCents: null, mrrCents: null } });
  });

  it("accepts the skew boundaries exactly: expired 60 s ago and iat 60 s ahead", async () => {
    const expired60 = craft(ctx, claims(ctx, { iat: NOW - 360, exp: NOW - 60 }));
    const ahead60 = craft(ctx, claims(ctx, { iat: NOW + 60, exp: NOW + 360 }));
    const nbf60 = craft(ctx, claims(ctx, { nbf: NOW + 60 }));
    for (const token of [expired60, ahead60, nbf60]) expect(await verifyIdentityToken(token, options)).toMatchObject({ ok: true });
  });

  it("tries keys in order and records which one verified (rotation)", async () => {
    const rotated = { ...options, keys: [CURRENT_KEY, PREVIOUS_KEY] };
    const oldToken = craft({ ...ctx, secret: PREVIOUS_SECRET }, claims(ctx));
    expect(await verifyIdentityToken(oldToken, rotated)).toMatchObject({ ok: true, keyId: "key_previous" });
    expect(await verifyIdentityToken(await docsToken(ctx), rotated)).toMatchObject({ ok: true, keyId: "key_current" });
    expect(await verifyIdentityToken(oldToken, options)).toMatchObject({ ok: false, code: "bad_signature" });
  });

  it("rejects everything when no key is configured", async () => {
    const result = await verifyIdentityToken(await docsToken(ctx), { ...options, keys: [] });
    expect(result).toMatchObject({ ok: false, code: "bad_signature", message: expect.stringContaining("no identity secret") });
  });

  it("defaults the clock to Date.now", async () => {
    const realNow = Math.floor(Date.now() / 1000);
    const token = await docsToken({ ...ctx, nowSeconds: realNow });
    expect(await verifyIdentityToken(token, { audience: AUDIENCE, keys: [CURRENT_KEY] })).toMatchObject({ ok: true });
  });
});

describe("key cache", () => {
  it("makes a new key when an id is reused with different bytes (never verifies with a stale key)", async () => {
    const token = await docsToken(ctx);
    expect(await verifyIdentityToken(token, options)).toMatchObject({ ok: true });
    const swapped = { ...options, keys: [{ ...CURRENT_KEY, key: hmacKeyFromSecret(OTHER_SECRET) }] };
    expect(await verifyIdentityToken(token, swapped)).toMatchObject({ ok: false, code: "bad_signature" });
    // And back: the original bytes under the same id verify again.
    expect(await verifyIdentityToken(token, options)).toMatchObject({ ok: true });
  });

  it("skips a key that cannot be an HMAC key (empty) and still tries the next", async () => {
    const broken: VerifierKey = { id: "key_empty", label: "broken", key: new Uint8Array(0) };
    const result = await verifyIdentityToken(await docsToken(ctx), { ...options, keys: [broken, CURRENT_KEY] });
    expect(result).toMatchObject({ ok: true, keyId: "key_current" });
  });
});

describe("prototype pollution", () => {
  it("rejects __proto__ members, naming the claim", async () => {
    expect(await verifyCase("__proto__ in payload")).toMatchObject({ ok: false, code: "invalid_claim", claim: "__proto__" });
    expect(await verifyCase("__proto__ in traits")).toMatchObject({ ok: false, code: "invalid_claim", claim: "traits.__proto__" });
  });

  it("returns a user with exactly the expected own fields, even with constructor claims", async () => {
    const result = await verifyCase("valid: constructor claims are ignored");
    if (!result.ok) throw new Error(result.message);
    expect(Object.keys(result.user).sort()).toEqual(["amountCents", "email", "id", "interval", "mrrCents", "plan"]);
    expect(Object.getPrototypeOf(result.user)).toBe(Object.prototype);
    expect(Object.keys(result).sort()).toEqual(["ageSeconds", "issuedAt", "keyId", "ok", "user"]);
  });
});

describe("email decision: internationalized addresses allowed", () => {
  it.each([
    ["ada@example.com", true],
    ["ada.lovelace+reqio@mail.example.co.uk", true],
    ["josé@example.com", true],
    ["用户@例子.广告", true],
    ["ñoño@bücher.de", true],
    ["o'brien@example.com", true],
    ["ada@localhost", false],
    ["ada@@example.com", false],
    ["@example.com", false],
    ["ada@", false],
    ["ada lovelace@example.com", false],
    ["ada@exa mple.com", false],
    ["ada\u0000@example.com", false],
    ["ada\u200b@example.com", false],
    ['"ada"@example.com', false],
    [".ada@example.com", false],
    ["ada.@example.com", false],
    ["a..da@example.com", false],
    ["ada@[127.0.0.1]", false],
    ["ada@1.2.3.4", false],
    ["ada@-example.com", false],
    ["ada@example..com", false],
    [`${"a".repeat(65)}@example.com`, false],
  ])("%s → %s", (address, valid) => {
    expect(isValidEmailAddress(address)).toBe(valid);
  });
});

describe("never throws", () => {
  const hostile = new Proxy(
    {},
    {
      get() {
        throw new Error("boom");
      },
      has() {
        throw new Error("boom");
      },
      ownKeys() {
        throw new Error("boom");
      },
      getPrototypeOf() {
        throw new Error("boom");
      },
    },
  );
  const garbage: Array<[string, unknown]> = [
    ["undefined", undefined],
    ["null", null],
    ["zero", 0],
    ["number", 42],
    ["NaN", Number.NaN],
    ["boolean", true],
    ["bigint", 10n],
    ["symbol", Symbol("token")],
    ["function", () => "a.b.c"],
    ["object", {}],
    ["array", ["a", "b", "c"]],
    ["String object", new String("a.b.c")],
    ["throwing toString", { toString: () => { throw new Error("boom"); } }],
    ["hostile proxy", hostile],
    ["10 MB string", "a".repeat(10_000_000)],
    ["10 MB of dots", ".".repeat(10_000_000)],
    ["8192 multi-byte characters", "é".repeat(8192)],
    ["dots only", ".."],
    ["a.b.c", "a.b.c"],
    ["empty objects, no signature", "e30.e30."],
    ["empty objects with signature", "e30.e30.e30"],
    ["lone surrogates", "\ud800.\ud800.\ud800"],
    ["NUL bytes", "\u0000.\u0000.\u0000"],
    ["deeply nested JSON", `${Buffer.from("[".repeat(3000)).toString("base64url")}.e30.`],
  ];

  it.each(garbage)("%s", async (_name, input) => {
    const result = await verifyIdentityToken(input, options);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(ERROR_CODES).toContain(result.code);
  });

  it("fails closed when the clock or the options are broken", async () => {
    const token = await docsToken(ctx);
    expect(verifyIdentityToken(token, { ...options, now: () => Number.NaN })).toMatchObject({ ok: false, code: "malformed_token" });
    expect(verifyIdentityToken(token, { ...options, now: () => { throw new Error("clock"); } })).toMatchObject({ ok: false });
    expect(verifyIdentityToken(token, null as unknown as VerifyOptions)).toMatchObject({ ok: false });
    expect(verifyIdentityToken(token, { ...options, keys: [null as unknown as VerifierKey] })).toMatchObject({ ok: false });
  });

  it("rejects every single-character mutation of a valid token", async () => {
    const token = await docsToken(ctx);
    expect(await verifyIdentityToken(token, options)).toMatchObject({ ok: true });
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const charset = "ABCabcxyzXYZ0189-_.+/= \n\u00e9\ud83d";
    for (let round = 0; round < 300; round++) {
      const at = random(token.length);
      const kind = random(3);
      const char = charset[random(charset.length)] ?? "A";
      const mutated =
        kind === 0 ? token.slice(0, at) + char + token.slice(at + 1) : kind === 1 ? token.slice(0, at) + token.slice(at + 1) : token.slice(0, at) + char + token.slice(at);
      if (mutated === token) continue;
      const result = await verifyIdentityToken(mutated, options);
      expect(result.ok, `mutation ${round} at ${at}`).toBe(false);
    }
  });
});
