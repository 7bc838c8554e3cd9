// Diagnostics as an admin meets them: the status panel names each reject reason with its last example,
// "Open in debugger" re-checks that example's claims, and warnings flag what verifies but looks wrong.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { SignJWT } from "jose";
import { specClients } from "./addresses";
import { createProject, revealSecret, signUp } from "./helpers";

const clients = specClients("diagnostics");
// Everything this spec sends without an address of its own comes from its client 1, not the suite's loopback.
test.use({ extraHTTPHeaders: { "x-forwarded-for": clients.at(1) } });

type Claims = Record<string, unknown>;
async function mint(secret: string, audience: string, claims: Claims, times?: { iat: number; exp: number }): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const { iat, exp } = times ?? { iat: now, exp: now + 300 };
  return new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setAudience(audience).setIssuedAt(iat).setExpirationTime(exp).sign(new TextEncoder().encode(secret));
}

async function identify(request: APIRequestContext, projectId: string, token: string) {
  const ip = clients.next();
  return request.post(`/api/v1/projects/${projectId}/identify`, { data: { token }, headers: { "x-forwarded-for": ip } });
}

test("a millisecond token is named on the panel, opens in the debugger without its signature, and dollars are flagged", async ({ page, baseURL }) => {
  await signUp(page, "Diagnose");
  const projectId = await createProject(page, "Diagnosed");
  const secret = await revealSecret(page);
  const audience = `${baseURL}/p/${projectId}`;
  const nowMs = Date.now();

  const millis = await identify(page.request, projectId, await mint(secret, audience, { sub: "ms_user" }, { iat: nowMs, exp: nowMs + 300_000 }));
  expect(millis.status()).toBe(401);
  expect((await millis.json()).error).toMatchObject({ code: "invalid_claim", cause: "timestamps_in_milliseconds" });
  // Verifies, but $29 was sent as 29 cents.
  expect((await identify(page.request, projectId, await mint(secret, audience, { sub: "dollar_user", traits: { plan: "pro", amount: 29, interval: "month" } }))).status()).toBe(200);

  const row = page.locator('tr[data-cause="timestamps_in_milliseconds"]');
  await expect(row).toBeVisible(); // the open tab polls the status route
  await expect(row).toContainText("in milliseconds, not seconds");
  await expect(page.getByTestId("plausibility-warnings")).toContainText("1 user sent amounts under $1: amounts are in cents");

  await row.getByRole("button", { name: "Open in debugger" }).click();
  const field = page.getByLabel("Token", { exact: true });
  await expect(field).toBeFocused();
  await expect(field).toHaveValue(/^eyJ[\w-]+\.eyJ[\w-]+\.$/); // header.claims. — no signature was stored
  await page.getByRole("button", { name: "Check token" }).click();
  const report = page.getByTestId("token-report");
  await expect(report.getByRole("status")).toContainText("Rejected: invalid_claim (timestamps_in_milliseconds)");
  await expect(report.getByTestId("claims-only")).toBeVisible();
  await expect(report.locator('li[data-status="fail"]').first()).toContainText("Math.floor(Date.now() / 1000)");
  await expect(report).not.toContainText("NTP");
});

test("the debugger never echoes a pasted secret and flags an email used as sub", async ({ page, baseURL }) => {
  await signUp(page, "Paste");
  const projectId = await createProject(page, "Pasted");
  const secret = await revealSecret(page);
  await page.getByRole("button", { name: "Hide" }).click();

  const field = page.getByLabel("Token", { exact: true });
  await field.fill(secret);
  await page.getByRole("button", { name: "Check token" }).click();
  const report = page.getByTestId("token-report");
  await expect(report.getByRole("status")).toContainText("(looks_like_secret)");
  await expect(field).toHaveValue("");
  expect(await page.content()).not.toContain(secret);

  await field.fill(await mint(secret, `${baseURL}/p/${projectId}`, { sub: "ada@example.com", email: "ada@example.com" }));
  await page.getByRole("button", { name: "Check token" }).click();
  await expect(report.getByRole("status")).toContainText("Valid");
  await expect(report.locator('[data-warning="email_as_sub"]')).toContainText("use your stable user id");
});
