import { expect, test, type Page } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { specClients } from "./addresses";
import { createProject, forgetPasswordConfirmation, invite, joinAsNewUser, pageFrom, SECRET_RE, signUpOwner, toasts, uniqueEmail } from "./helpers";

const clients = specClients("two-factor");
test.use({ extraHTTPHeaders: { "x-forwarded-for": clients.at(1) } });
// Each test walks sign-up, a project, an app setup and several prompts (two people in the second).
test.describe.configure({ timeout: 120_000 });

/** The code an authenticator app would show `stepsAhead` 30-second steps from now (the server takes one step either side). */
const codeFor = (secret: string, stepsAhead = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });

const codePrompt = (page: Page) => page.getByRole("dialog", { name: "Confirm with your authenticator app" });

/** Sets up an authenticator app on Account; returns its key and the recovery codes shown once. */
async function enrolAuthenticatorApp(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.goto("/account");
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" }).locator("svg")).toBeVisible();
  await page.getByLabel("6-digit code").fill("000000" === codeFor(secret) ? "111111" : "000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText("That code isn't right. Enter the 6-digit code your authenticator app shows now.")).toBeVisible();
  await page.getByLabel("6-digit code").fill(codeFor(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  const shown = page.getByTestId("recovery-codes");
  await expect(shown.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
  const recoveryCodes = (await shown.getByRole("listitem").allInnerTexts()).map((code) => code.trim());
  expect(recoveryCodes).toHaveLength(10);
  for (const code of recoveryCodes) expect(code).toMatch(/^[2-9a-z]{4}(-[2-9a-z]{4}){3}$/);
  return { secret, recoveryCodes };
}

async function clickReveal(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Reveal", exact: true }).click();
}

test("an authenticator app: enrolled with a computed code, then reveal asks for a code (not the password), and a recovery code works once", async ({ page }) => {
  const { teamId } = await signUpOwner(page, "Tess");
  const projectId = await createProject(page, "Totp app");
  const identity = `/projects/${projectId}/settings/identity`;
  const { secret, recoveryCodes } = await enrolAuthenticatorApp(page);
  await page.reload();
  await expect(page.getByTestId("step-up-factor")).toHaveText("Sensitive actions ask for your authenticator app code (or a recovery code).");
  await expect(page.getByTestId("recovery-codes-left")).toHaveText("Recovery codes: 10 unused.");

  // Signing up proved the password only: with an app on the account, that no longer counts.
  await page.goto(identity);
  await clickReveal(page);
  const prompt = codePrompt(page);
  await expect(prompt).toBeVisible();
  await expect(prompt.getByLabel("Password")).toHaveCount(0);
  await prompt.getByLabel("6-digit code").fill("12345");
  await prompt.getByRole("button", { name: "Confirm" }).click();
  await expect(prompt.getByText(/^That code isn't right, or it was used before\./)).toBeVisible();
  // The next step's code: the enrolment spent this one's, and a code works once.
  await prompt.getByLabel("6-digit code").fill(codeFor(secret, 1));
  await prompt.getByRole("button", { name: "Confirm" }).click();
  await expect(prompt).toBeHidden();
  await expect(page.getByTestId("identity-secret")).toHaveText(SECRET_RE);

  // A recovery code stands in for the app, once.
  await forgetPasswordConfirmation(page);
  await page.reload();
  await clickReveal(page);
  await prompt.getByRole("button", { name: "Use a recovery code instead" }).click();
  await prompt.getByLabel("Recovery code").fill(recoveryCodes[0]!.toUpperCase());
  await prompt.getByRole("button", { name: "Confirm" }).click();
  await expect(prompt).toBeHidden();
  await expect(page.getByTestId("identity-secret")).toHaveText(SECRET_RE);
  await forgetPasswordConfirmation(page);
  await page.reload();
  await clickReveal(page);
  await prompt.getByRole("button", { name: "Use a recovery code instead" }).click();
  await prompt.getByLabel("Recovery code").fill(recoveryCodes[0]!);
  await prompt.getByRole("button", { name: "Confirm" }).click();
  await expect(prompt.getByText("That code isn't right, or it was used before. Enter the code your app shows now, or a recovery code.")).toBeVisible();
  await prompt.getByRole("button", { name: "Cancel" }).click();

  await page.goto("/account");
  await expect(page.getByTestId("recovery-codes-left")).toHaveText("Recovery codes: 9 unused.");
  await page.goto(`/teams/${teamId}/audit-log`);
  const table = page.getByRole("table", { name: "Audit events" });
  for (const label of ["Second factor added", "Second factor confirmed", "Second factor confirmation failed"]) await expect(table).toContainText(label);
});

test("a team requiring a second factor: an admin without one sees why and can't reveal or rotate; with an app added, they can", async ({ page: owner, browser }) => {
  const { teamId } = await signUpOwner(owner, "Otto");
  const projectId = await createProject(owner, "Strict app");
  const identity = `/projects/${projectId}/settings/identity`;

  // The owner can't require what they don't have themselves.
  await owner.goto(`/teams/${teamId}/settings`);
  await owner.getByLabel("Only those with a second factor (a passkey or an authenticator app)").check();
  const requirement = owner.getByRole("region", { name: "Second factor" });
  await requirement.getByRole("button", { name: "Save" }).click();
  await expect(requirement.getByRole("alert")).toHaveText("Add a passkey or an authenticator app to your own account first (Account page): the requirement applies to you too.");
  const ownerApp = await enrolAuthenticatorApp(owner);
  await owner.goto(`/teams/${teamId}/settings`);
  await owner.getByLabel("Only those with a second factor (a passkey or an authenticator app)").check();
  await requirement.getByRole("button", { name: "Save" }).click();
  // The owner's strongest factor is now the app: the password from sign-up no longer confirms a change.
  await codePrompt(owner).getByLabel("6-digit code").fill(codeFor(ownerApp.secret, 1));
  await codePrompt(owner).getByRole("button", { name: "Confirm" }).click();
  await expect(toasts(owner).getByText("Revealing, rotating and expiring secrets in this team now need a second factor.")).toBeVisible();

  const adminEmail = uniqueEmail("admin");
  const link = await invite(owner, teamId, adminEmail, "Admin");
  const admin = await pageFrom(browser, clients.at(2));
  await joinAsNewUser(admin, link, "Ada", adminEmail, "Otto's team");
  await admin.goto(identity);
  await expect(admin.getByTestId("secret-permission-note")).toHaveText(
    "This team requires a second factor to reveal, rotate or expire signing secrets. Add a passkey or an authenticator app on your Account page.",
  );
  await expect(admin.getByRole("button", { name: "Reveal", exact: true })).toHaveCount(0);
  await expect(admin.getByRole("button", { name: /^Rotate/ })).toHaveCount(0);

  // Once the admin has an app, the same page offers Reveal, and it asks for the app's code.
  const { secret } = await enrolAuthenticatorApp(admin);
  await forgetPasswordConfirmation(admin);
  await admin.goto(identity);
  await expect(admin.getByTestId("secret-permission-note")).toHaveCount(0);
  await clickReveal(admin);
  await codePrompt(admin).getByLabel("6-digit code").fill(codeFor(secret, 1));
  await codePrompt(admin).getByRole("button", { name: "Confirm" }).click();
  await expect(admin.getByTestId("identity-secret")).toHaveText(SECRET_RE);
});
