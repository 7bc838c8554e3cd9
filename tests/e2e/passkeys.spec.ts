import { expect, test, type CDPSession, type Page } from "@playwright/test";
import { specClients } from "./addresses";
import { confirmPassword, createProject, forgetPasswordConfirmation, passwordPrompt, SECRET_RE, signUpOwner, toasts } from "./helpers";

const clients = specClients("passkeys");
test.use({ extraHTTPHeaders: { "x-forwarded-for": clients.at(1) } });

const passkeyPrompt = (page: Page) => page.getByRole("dialog", { name: "Confirm with your passkey" });

type Authenticator = { cdp: CDPSession; authenticatorId: string };

/** Chromium's virtual authenticator (DevTools protocol): a platform authenticator with a screen lock, which answers at once. */
async function virtualAuthenticator(page: Page): Promise<Authenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { cdp, authenticatorId };
}

const credentialsIn = async ({ cdp, authenticatorId }: Authenticator) => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;

/** Starts adding a passkey named `name` from Account (the server asks for a step-up first if none is fresh). */
async function addPasskey(page: Page, name: string): Promise<void> {
  await page.goto("/account");
  const card = page.getByRole("region", { name: "Passkeys" });
  await expect(card.getByTestId("no-passkeys")).toBeVisible();
  // Named after this browser and system until the user types another name.
  await expect(card.getByLabel("Passkey name")).toHaveValue(/ on Linux$/);
  await card.getByLabel("Passkey name").fill(name);
  await card.getByRole("button", { name: "Add a passkey" }).click();
}

async function auditLabels(page: Page, teamId: string): Promise<string[]> {
  await page.goto(`/teams/${teamId}/audit-log`);
  const rows = page.getByRole("table", { name: "Audit events" }).locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  return rows.allInnerTexts();
}

test("a passkey: added on Account after a password step-up, recovery codes shown once, then Reveal asks for the passkey and it reveals", async ({ page }) => {
  const { email, teamId } = await signUpOwner(page, "Pia");
  const projectId = await createProject(page, "Passkey reveal");
  const authenticator = await virtualAuthenticator(page);

  // A session left open must not add its own passkey: adding asks for the password first.
  await forgetPasswordConfirmation(page);
  await addPasskey(page, "  Work   laptop ");
  await expect(passwordPrompt(page)).toBeVisible();
  await confirmPassword(page);
  await expect(toasts(page).getByText('Passkey "Work laptop" added. Sensitive actions now ask for a passkey.')).toBeVisible();
  const shown = page.getByTestId("recovery-codes");
  await expect(shown.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
  const codes = (await shown.getByRole("listitem").allInnerTexts()).map((code) => code.trim());
  expect(codes).toHaveLength(10);
  for (const code of codes) expect(code).toMatch(/^[2-9a-z]{4}(-[2-9a-z]{4}){3}$/);
  // A discoverable credential for this host, held by the authenticator.
  expect(await credentialsIn(authenticator)).toEqual([expect.objectContaining({ rpId: "localhost", isResidentCredential: true })]);

  const list = page.getByRole("list", { name: "Passkeys" });
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list.getByRole("listitem")).toContainText("Work laptop");
  await expect(list.getByRole("listitem")).toContainText("not used yet");
  // Shown once: gone after a reload.
  await page.reload();
  await expect(page.getByTestId("recovery-codes")).toHaveCount(0);
  await expect(page.getByTestId("step-up-factor")).toHaveText("Sensitive actions ask for your passkey (or a recovery code).");

  await list.getByRole("button", { name: "Rename Work laptop" }).click();
  await list.getByLabel("New name").fill("Laptop\u202Eexe.txt");
  await list.getByRole("button", { name: "Save" }).click();
  await expect(list.getByText("The passkey's name can't contain control or text-direction characters.")).toBeVisible();
  await list.getByLabel("New name").fill("Pia's laptop");
  await list.getByRole("button", { name: "Save" }).click();
  await expect(toasts(page).getByText('Passkey renamed to "Pia\'s laptop".')).toBeVisible();
  await expect(list.getByRole("listitem")).toContainText("Pia's laptop");

  // The password proved at sign-up doesn't count for a passkey owner: Reveal asks for the passkey.
  await page.goto(`/projects/${projectId}/settings/identity`);
  await page.getByRole("button", { name: "Reveal", exact: true }).click();
  const prompt = passkeyPrompt(page);
  await expect(prompt).toBeVisible();
  await expect(prompt.getByLabel("Password")).toHaveCount(0);
  await prompt.getByRole("button", { name: "Use passkey" }).click();
  await expect(prompt).toBeHidden();
  await expect(page.getByTestId("identity-secret")).toHaveText(SECRET_RE);

  // Confirmed once, it counts for 5 minutes: reveal again without a prompt, after hiding.
  await page.getByRole("button", { name: "Hide" }).click();
  await page.getByRole("button", { name: "Reveal", exact: true }).click();
  await expect(page.getByTestId("identity-secret")).toHaveText(SECRET_RE);
  await expect(prompt).toBeHidden();

  await page.goto("/account");
  await expect(page.getByRole("list", { name: "Passkeys" }).getByRole("listitem")).toContainText(/last used (just now|\d+ seconds? ago)/);

  const labels = await auditLabels(page, teamId);
  expect(labels.filter((row) => row.includes("Second factor added") && row.includes(email))).toHaveLength(1);
  expect(labels.filter((row) => row.includes("Second factor confirmed") && row.includes(email))).toHaveLength(1);
  expect(labels.filter((row) => row.includes("Signing secret revealed"))).toHaveLength(2);
});

test("removing the passkey asks for it (or a recovery code), drops the recovery codes, and Reveal asks for the password again", async ({ page }) => {
  const { email, teamId } = await signUpOwner(page, "Rex");
  const projectId = await createProject(page, "Passkey removal");
  await virtualAuthenticator(page);
  // Right after sign-up the password is fresh, so adding goes straight to the browser's prompt.
  await addPasskey(page, "Old key");
  await expect(toasts(page).getByText('Passkey "Old key" added. Sensitive actions now ask for a passkey.')).toBeVisible();
  const codes = (await page.getByTestId("recovery-codes").getByRole("listitem").allInnerTexts()).map((code) => code.trim());
  await expect(passwordPrompt(page)).toHaveCount(0);

  await page.reload();
  await page.getByRole("button", { name: "Remove Old key" }).click();
  const confirm = page.getByRole("dialog", { name: "Remove Old key?" });
  await expect(confirm).toContainText("It is your only second factor: your recovery codes stop working too");
  await confirm.getByRole("button", { name: "Remove passkey" }).click();
  // The password from sign-up isn't enough to remove a passkey: a lost passkey's stand-in is a recovery code.
  const prompt = passkeyPrompt(page);
  await expect(prompt).toBeVisible();
  await prompt.getByRole("button", { name: "Use a recovery code instead" }).click();
  await prompt.getByLabel("Recovery code").fill("2222-2222-2222-2222");
  await prompt.getByRole("button", { name: "Confirm" }).click();
  await expect(prompt.getByText("That recovery code isn't right, or it was used before.")).toBeVisible();
  await prompt.getByLabel("Recovery code").fill(codes[0]!.toUpperCase());
  await prompt.getByRole("button", { name: "Confirm" }).click();
  await expect(prompt).toBeHidden();
  await expect(toasts(page).getByText('Passkey "Old key" removed.')).toBeVisible();
  await expect(page.getByTestId("no-passkeys")).toBeVisible();
  await expect(page.getByTestId("step-up-factor")).toHaveText("You have no second factor: sensitive actions ask for your password.");

  await page.goto(`/projects/${projectId}/settings/identity`);
  await forgetPasswordConfirmation(page);
  await page.getByRole("button", { name: "Reveal", exact: true }).click();
  await expect(passwordPrompt(page)).toBeVisible();
  await confirmPassword(page);
  await expect(page.getByTestId("identity-secret")).toHaveText(SECRET_RE);

  const labels = await auditLabels(page, teamId);
  expect(labels.filter((row) => row.includes("Second factor removed") && row.includes(email))).toHaveLength(1);
  expect(labels.filter((row) => row.includes("Second factor confirmation failed"))).toHaveLength(1);
});
