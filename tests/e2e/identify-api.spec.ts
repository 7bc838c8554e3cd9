import { expect, test, type APIRequestContext } from "@playwright/test";
import { SignJWT } from "jose";
import { TOKEN_CASES } from "../fixtures/token-cases";
import { specClients } from "./addresses";
import { createProject, revealSecret, signUp } from "./helpers";

const clients = specClients("identify-api");
// Everything this spec sends without an address of its own comes from its client 1, not the suite's loopback.
test.use({ extraHTTPHeaders: { "x-forwarded-for": clients.at(1) } });

const STATUS_FOR_CODE: Record<string, number> = { ok: 200, malformed_token: 400, token_too_large: 413 };
const statusFor = (code: string) => STATUS_FOR_CODE[code] ?? 401;

let projectId = "";
let otherProjectId = "";
let secret = "";
let otherSecret = "";
let audience = "";

test.beforeAll(async ({ browser, baseURL }) => {
  const page = await browser.newPage();
  await signUp(page, "Api");
  projectId = await createProject(page, "API target");
  secret = await revealSecret(page);
  await page.goto("/");
  otherProjectId = await createProject(page, "API other");
  otherSecret = await revealSecret(page);
  audience = `${baseURL}/p/${projectId}`;
  await page.close();
});

const identify = (request: APIRequestContext, id: string, data: unknown, headers: Record<string, string> = {}) =>
  request.post(`/api/v1/projects/${id}/identify`, { data: data as object, headers: { "content-type": "application/json", ...headers } });

test(`the verifier's ${TOKEN_CASES.length} crafted tokens get the same code over HTTP, never a 5xx`, async ({ request }) => {
  const nowSeconds = Math.floor(Date.now() / 1000);
  for (const testCase of TOKEN_CASES) {
    const token = await testCase.make({ secret, audience, otherSecret, nowSeconds });
    const response = await identify(request, projectId, JSON.stringify({ token }));
    const body = await response.json();
    expect.soft(response.status(), testCase.name).toBe(statusFor(testCase.expect));
    expect.soft(body.ok ? "ok" : body.error.code, testCase.name).toBe(testCase.expect);
    expect(response.headers()["set-cookie"], testCase.name).toBeUndefined();
    expect(response.headers()["access-control-allow-origin"]).toBe("*");
  }
});

test("bad requests get specific errors", async ({ request }) => {
  const cases: [string, () => Promise<{ status: () => number; json: () => Promise<any> }>, number, string][] = [
    ["not JSON content type", () => request.post(`/api/v1/projects/${projectId}/identify`, { data: "token=x", headers: { "content-type": "text/plain" } }), 415, "unsupported_media_type"],
    ["invalid JSON", () => identify(request, projectId, "{token:"), 400, "invalid_request"],
    ["missing token", () => identify(request, projectId, "{}"), 400, "invalid_request"],
    ["extra field", () => identify(request, projectId, JSON.stringify({ token: "a.b.c", user: "x" })), 400, "invalid_request"],
    ["token not a string", () => identify(request, projectId, JSON.stringify({ token: 42 })), 400, "invalid_request"],
    ["unknown project", () => identify(request, "prj_0000000000000000000000", JSON.stringify({ token: "a.b.c" })), 404, "project_not_found"],
    ["malformed project ID", () => identify(request, "not-a-project", JSON.stringify({ token: "a.b.c" })), 404, "project_not_found"],
    ["2 MB body", () => identify(request, projectId, JSON.stringify({ token: "x".repeat(2_000_000) })), 413, "token_too_large"],
  ];
  for (const [name, send, status, code] of cases) {
    const response = await send();
    expect.soft(response.status(), name).toBe(status);
    expect.soft((await response.json()).error.code, name).toBe(code);
  }
  const extra = await identify(request, projectId, JSON.stringify({ token: "a.b.c", user: "x" }));
  expect((await extra.json()).error.message).toContain("Unexpected field: user");
});

test("CORS preflight is answered for any origin", async ({ request }) => {
  const response = await request.fetch(`/api/v1/projects/${projectId}/identify`, {
    method: "OPTIONS",
    headers: { origin: "https://customer.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
  });
  expect(response.status()).toBe(204);
  expect(response.headers()["access-control-allow-origin"]).toBe("*");
  expect(response.headers()["access-control-allow-methods"]).toContain("POST");
  expect(response.headers()["access-control-allow-headers"]?.toLowerCase()).toContain("content-type");
});

test("floods are limited per client and per project; junk never spends the project's budget, and one project's flood doesn't starve another", async ({ request }) => {
  const body = JSON.stringify({ token: "a.b.c" });
  // Budgets are per aligned minute: a flood that straddles a minute's end starts over once, so each loop
  // may send up to twice the budget (plus a margin) before the refusal it waits for.
  // One address over its budget (120/min in the e2e server) gets 429 with Retry-After; another address doesn't.
  let limited = null;
  for (let i = 0; i < 2 * 120 + 10 && !limited; i++) {
    const response = await identify(request, projectId, body, { "x-forwarded-for": clients.at(7) });
    if (response.status() === 429) limited = response;
  }
  expect(limited, "per-IP limit reached").not.toBeNull();
  expect(Number(limited!.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await limited!.json()).error.code).toBe("rate_limited");
  expect((await identify(request, projectId, body, { "x-forwarded-for": clients.at(8) })).status()).toBe(400);

  // Junk from many addresses doesn't touch the project's budget (300/min): its valid tokens still verify.
  for (let i = 0; i < 400; i++) await identify(request, projectId, body, { "x-forwarded-for": clients.next() });
  const now = Math.floor(Date.now() / 1000);
  const valid = JSON.stringify({ token: await new SignJWT({ sub: "flood_user" }).setProtectedHeader({ alg: "HS256" }).setAudience(audience).setIssuedAt(now).setExpirationTime(now + 300).sign(new TextEncoder().encode(secret)) });
  expect((await identify(request, projectId, valid, { "x-forwarded-for": clients.at(9) })).status()).toBe(200);

  // Valid tokens from many addresses exhaust it; the other project still answers.
  let projectLimited = false;
  for (let i = 0; i < 2 * 300 + 10 && !projectLimited; i++) {
    const response = await identify(request, projectId, valid, { "x-forwarded-for": clients.next() });
    projectLimited = response.status() === 429 && (await response.json()).error.message.includes("for this project");
  }
  expect(projectLimited).toBe(true);
  const other = await identify(request, otherProjectId, body, { "x-forwarded-for": clients.at(10) });
  expect(other.status()).toBe(400);
});
