import { expect, test } from "@playwright/test";
import { SignJWT } from "jose";
import { createProject, revealSecret, signUp } from "./helpers";

test("the debugger explains a bad token with a fix, and a generated test token passes every check", async ({ page, baseURL }) => {
  await signUp(page, "Debug");
  const projectId = await createProject(page, "Debugged");
  const secret = await revealSecret(page);
  const now = Math.floor(Date.now() / 1000);
  const decimalAmount = await new SignJWT({ sub: "u1", traits: { plan: "pro", amount: 29.99, interval: "month" } })
    .setProtectedHeader({ alg: "HS256" })
    .setAudience(`${baseURL}/p/${projectId}`)
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .sign(new TextEncoder().encode(secret));

  await page.getByLabel("Token", { exact: true }).fill(decimalAmount);
  await page.getByRole("button", { name: "Check token" }).click();
  const report = page.getByTestId("token-report");
  await expect(report.getByRole("status")).toContainText("Rejected: invalid_claim");
  await expect(report.locator('li[data-status="fail"]')).toContainText(/cents/i);
  await expect(report).toContainText('"amount": 29.99');

  await page.getByRole("button", { name: "Generate a test token" }).click();
  await expect(report.getByRole("status")).toContainText("Valid: this token verifies with the current secret");
  await expect(report.locator('li[data-status="fail"]')).toHaveCount(0);
  // The generated token sits in the textarea: it's a token, not the secret.
  await expect(page.getByLabel("Token", { exact: true })).toHaveValue(/^eyJ/);
  expect(await page.getByLabel("Token", { exact: true }).inputValue()).not.toContain(secret);
});
