import { describe, expect, it } from "vitest";
import {
  CHECKS,
  describeAudienceDifference,
  inspectIdentityToken,
  verifyIdentityToken,
  type InspectOptions,
  type TokenCheck,
  type TokenInspection,
} from "@/lib/identity/token-verifier";
import { TOKEN_CASES, claims, craft, docsToken, tokenOfSize, traits } from "@/tests/fixtures/token-cases";
import { AUDIENCE, CURRENT_KEY, ctx, NOW, OTHER_SECRET, PREVIOUS_KEY, PREVIOUS_SECRET, SECRET } from "@/tests/fixtures/verifier-keys";

const options: InspectOptions = { audience: AUDIENCE, keys: [CURRENT_KEY], now: () => NOW * 1000 };

const REQUIRED_CHECKS = ["size", "format", "alg", "signature", "exp", "iat", "lifetime", "nbf", "aud", "sub", "email", "traits.plan", "traits.amount", "traits.interval"];

function check(inspection: TokenInspection, id: string): TokenCheck {
  const found = inspection.checks.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no check ${id}`);
  return found;
}

const statuses = (inspection: TokenInspection) => Object.fromEntries(inspection.checks.map((c) => [c.id, c.status]));

describe("inspectIdentityToken", () => {
  it("lists every check, in order, all passing for a valid token, and names the verifying key", async () => {
    const inspection = await inspectIdentityToken(await docsToken(ctx), options);
    expect(inspection.checks.map((c) => c.id)).toEqual(CHECKS.map((c) => c.id));
    for (const id of REQUIRED_CHECKS) expect(inspection.checks.map((c) => c.id)).toContain(id);
    expect(inspection.checks.every((c) => c.status === "pass")).toBe(true);
    expect(inspection.checks.every((c) => c.label.length > 0 && c.detail.length > 0)).toBe(true);
    expect(inspection.verifiedWith).toBe(CURRENT_KEY.label);
    expect(check(inspection, "signature").detail).toContain(CURRENT_KEY.label);
    expect(inspection.header).toEqual({ alg: "HS256" });
    expect(inspection.claims).toMatchObject({ sub: "user_123", aud: AUDIENCE, iat: NOW, exp: NOW + 300 });
    expect(inspection.result).toMatchObject({ ok: true, keyId: "key_current", user: { id: "user_123", mrrCents: 2900 } });
  });

  it("names the previous secret when a token verifies with it after a rotation", async () => {
    const token = craft({ ...ctx, secret: PREVIOUS_SECRET }, claims(ctx));
    const inspection = await inspectIdentityToken(token, { ...options, keys: [CURRENT_KEY, PREVIOUS_KEY] });
    expect(inspection.verifiedWith).toBe(PREVIOUS_KEY.label);
    expect(inspection.result).toMatchObject({ ok: true, keyId: "key_previous" });
  });

  it.each(TOKEN_CASES)("agrees with verifyIdentityToken: $name", async (row) => {
    const token = await row.make(ctx);
    const inspection = inspectIdentityToken(token, options);
    const result = verifyIdentityToken(token, options);
    // verify also hands back what it decoded (the status panel's example); the headline is the same.
    const { decoded: _decoded, ...headline } = result as Extract<typeof result, { ok: false }>;
    expect(inspection.result).toEqual(result.ok ? result : headline);
    expect(inspection.checks).toHaveLength(CHECKS.length);
    const firstFailure = inspection.checks.find((c) => c.status === "fail");
    if (result.ok) expect(firstFailure).toBeUndefined();
    // "Another project" is named before the signature, from the claims: its row is aud's.
    else if (result.cause === "wrong_project") expect(check(inspection, "aud").status).toBe("fail");
    else expect(firstFailure?.detail).toBe(result.message);
  });

  it("hints that a decimal amount must be sent in cents", async () => {
    const inspection = await inspectIdentityToken(craft(ctx, claims(ctx, { traits: traits({ amount: 29.99 }) })), options);
    const amount = check(inspection, "traits.amount");
    expect(amount.status).toBe("fail");
    expect(amount.hint).toMatch(/send cents/i);
    expect(amount.hint).toContain("2999");
    expect(check(inspection, "traits.plan").status).toBe("pass");
    expect(check(inspection, "traits.interval").status).toBe("pass");
  });

  it.each([
    ["exp", { exp: (NOW + 300) * 1000 }, /^`exp` is in milliseconds/],
    ["iat", { iat: NOW * 1000 }, /^`iat` is in milliseconds/],
    ["both", { iat: NOW * 1000, exp: (NOW + 300) * 1000 }, /^`exp` and `iat` are in milliseconds/],
  ])("diagnoses millisecond timestamps (%s) once: no green exp, no lifetime or NTP talk", async (_name, times, message) => {
    const inspection = inspectIdentityToken(craft(ctx, claims(ctx, times)), options);
    expect(inspection.result).toMatchObject({ ok: false, code: "invalid_claim", cause: "timestamps_in_milliseconds", message: expect.stringMatching(message) });
    for (const claim of Object.keys(times)) expect(check(inspection, claim).status).toBe("fail");
    expect(check(inspection, "lifetime").status).toBe("skipped");
    const said = inspection.checks.flatMap((row) => [row.detail, row.hint ?? ""]).join("\n");
    expect(said).not.toMatch(/NTP|seconds in the future|expires in \d{6,}/i);
    expect(verifyIdentityToken(craft(ctx, claims(ctx, times)), options)).toMatchObject({ cause: "timestamps_in_milliseconds" });
  });

  it.each([
    ["trailing slash", `${AUDIENCE}/`, "Remove the trailing slash."],
    ["other host", AUDIENCE.replace("app.reqio.test", "reqio.example.com"), 'The host differs: "reqio.example.com" instead of "app.reqio.test".'],
    ["http vs https", AUDIENCE.replace("https:", "http:"), "Use https:// instead of http://."],
    ["other port", AUDIENCE.replace("app.reqio.test", "app.reqio.test:8443"), 'The host differs: "app.reqio.test:8443" instead of "app.reqio.test".'],
    ["other project", AUDIENCE.replace(/prj_\w+$/, "prj_0000000000000000000000"), /The project id differs: "prj_0{22}" instead of "prj_8Hk2/],
    ["case", AUDIENCE.toUpperCase(), /letter case differs/],
  ])("says exactly what differs in aud: %s", async (_name, aud, hint) => {
    const inspection = await inspectIdentityToken(craft(ctx, claims(ctx, { aud })), options);
    const audCheck = check(inspection, "aud");
    expect(audCheck.status).toBe("fail");
    if (typeof hint === "string") expect(audCheck.hint).toBe(hint);
    else expect(audCheck.hint).toMatch(hint);
  });

  it("describeAudienceDifference combines differences", () => {
    expect(describeAudienceDifference("http://localhost:3000/p/prj_a/", "https://app.reqio.test/p/prj_a")).toBe(
      'use https:// instead of http://; the host differs: "localhost:3000" instead of "app.reqio.test"; remove the trailing slash',
    );
    expect(describeAudienceDifference("not a url", AUDIENCE)).toContain("use the exact audience");
  });

  it.each([
    ["the whole secret base64-decoded (Buffer.from(secret, 'base64'))", (secret: string) => Buffer.from(secret, "base64")],
    ["the random part base64-decoded", (secret: string) => Buffer.from(secret.slice("rqio_sk_".length), "base64")],
  ])("recognises a server that used %s, in the debugger and at the endpoint alike", async (_name, derive) => {
    const token = craft(ctx, claims(ctx), { key: derive(SECRET) });
    const inspection = inspectIdentityToken(token, options);
    expect(inspection.result).toMatchObject({ ok: false, code: "bad_signature", cause: "secret_base64_decoded" });
    expect(inspection.verifiedWith).toBeNull();
    expect(check(inspection, "signature").hint).toMatch(/base64-decoded.*use the (whole )?string as is/);
    expect(verifyIdentityToken(token, options)).toMatchObject({ ok: false, code: "bad_signature", cause: "secret_base64_decoded" });
  });

  it("recognises whitespace around REQIO_SECRET and a dropped prefix", async () => {
    const newline = inspectIdentityToken(craft(ctx, claims(ctx), { key: `${SECRET}\n` }), options);
    expect(newline.result).toMatchObject({ cause: "secret_whitespace", message: expect.stringContaining("a trailing newline") });
    const noPrefix = inspectIdentityToken(craft(ctx, claims(ctx), { key: SECRET.slice(8) }), options);
    expect(noPrefix.result).toMatchObject({ cause: "secret_prefix_dropped", message: expect.stringContaining('"rqio_sk_" prefix') });
  });

  it("gives the generic other-secret hint when no mistake explains the signature", async () => {
    const other = inspectIdentityToken(craft(ctx, claims(ctx), { key: OTHER_SECRET }), options);
    expect(other.result).toMatchObject({ code: "bad_signature", cause: "bad_signature" });
    expect(check(other, "signature").hint).toMatch(/signed with another secret \(maybe the one before the last rotation, or another project's\)/);
  });

  it("still checks the (unverified) claims when the signature fails", async () => {
    const token = craft(ctx, claims(ctx, { traits: traits({ amount: 19.5 }) }), { key: OTHER_SECRET });
    const inspection = await inspectIdentityToken(token, options);
    expect(inspection.result).toMatchObject({ ok: false, code: "bad_signature" });
    expect(check(inspection, "traits.amount")).toMatchObject({ status: "fail", hint: expect.stringContaining("1950") });
    expect(check(inspection, "sub").detail).toContain("Unverified");
  });

  it("skips the signature but checks claims when alg is refused", async () => {
    const inspection = await inspectIdentityToken(craft(ctx, claims(ctx, { exp: NOW + 3600 }), { header: { alg: "none" }, signature: "" }), options);
    expect(statuses(inspection)).toMatchObject({ size: "pass", format: "pass", alg: "fail", signature: "skipped", lifetime: "fail", sub: "pass" });
    expect(inspection.result).toMatchObject({ code: "alg_not_allowed" });
    expect(check(inspection, "alg").hint).toContain('alg: "HS256"');
  });

  it("skips everything after size for an oversized token, without decoding it", async () => {
    const inspection = await inspectIdentityToken(tokenOfSize(ctx, 8193), options);
    expect(inspection.result).toMatchObject({ ok: false, code: "token_too_large" });
    expect(inspection.header).toBeNull();
    expect(inspection.claims).toBeNull();
    expect(inspection.checks[0]).toMatchObject({ id: "size", status: "fail" });
    expect(inspection.checks.slice(1).every((c) => c.status === "skipped")).toBe(true);
  });

  it("shows the decodable header when the payload is garbage", async () => {
    const token = craft(ctx, claims(ctx)).replace(/\.[^.]+\./, ".%%%.");
    const inspection = await inspectIdentityToken(token, options);
    expect(inspection.header).toEqual({ alg: "HS256" });
    expect(inspection.claims).toBeNull();
    expect(statuses(inspection)).toMatchObject({ format: "fail", alg: "pass", signature: "skipped", exp: "skipped", "traits.amount": "skipped" });
  });

  it("reports a non-string token as a format failure with size skipped", async () => {
    const inspection = await inspectIdentityToken(42, options);
    expect(inspection.result).toMatchObject({ ok: false, code: "malformed_token", message: "The token must be a string (got number)." });
    expect(statuses(inspection)).toMatchObject({ size: "skipped", format: "fail", signature: "skipped" });
  });

  it("passes trait checks as not set when traits are absent, and skips them when traits are invalid", async () => {
    const absent = await inspectIdentityToken(await docsToken(ctx, { traits: undefined }), options);
    expect(statuses(absent)).toMatchObject({ traits: "pass", "traits.plan": "pass", "traits.amount": "pass", "traits.interval": "pass" });
    const invalid = await inspectIdentityToken(craft(ctx, claims(ctx, { traits: [1, 2] })), options);
    expect(statuses(invalid)).toMatchObject({ traits: "fail", "traits.plan": "skipped", "traits.amount": "skipped", "traits.interval": "skipped" });
  });

  it("shows a __proto__ claim as an own member of the claims, and fails the reserved check", async () => {
    const token = craft(ctx, `{"__proto__":{"polluted":true},${JSON.stringify(claims(ctx)).slice(1)}`);
    const inspection = await inspectIdentityToken(token, options);
    expect(inspection.result).toMatchObject({ ok: false, code: "invalid_claim", claim: "__proto__" });
    expect(check(inspection, "reserved").status).toBe("fail");
    expect(Object.hasOwn(inspection.claims ?? {}, "__proto__")).toBe(true);
  });

  it("never throws on garbage", async () => {
    for (const input of [undefined, null, {}, [], Symbol("x"), "a".repeat(2_000_000), "..", "e30.e30.", "e30.W10.e30"]) {
      const inspection = await inspectIdentityToken(input, options);
      expect(inspection.result.ok).toBe(false);
    }
    const broken = await inspectIdentityToken("x.y.z", null as unknown as InspectOptions);
    expect(broken.result).toMatchObject({ ok: false, code: "malformed_token" });
  });
});
