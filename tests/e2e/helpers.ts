import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { SignJWT } from "jose";
import { databaseBytes as rawDatabaseBytes } from "../helpers/raw-sql";

export const SECRET_RE = /rqio_sk_[0-9A-Za-z]{44}/;
export const DEV_SECRET_RE = /rqio_sk_dev_[0-9A-Za-z]{44}/;
/** Set by playwright.config.ts: this run's database, key file and server log. */
export const E2E_DIR = process.env.E2E_DIR ?? path.resolve("tests/.tmp/e2e-3100");
export const PASSWORD = "correct-horse-battery-42";
/** What account.spec.ts changes PASSWORD to (the leak scan looks for it too). */
export const NEW_PASSWORD = "quiet-lantern-meadow-77";

export function uniqueEmail(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.com`;
}

export async function signUp(page: Page, name: string, email = uniqueEmail(name.toLowerCase())): Promise<string> {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/teams\//);
  return email;
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The toast region (sonner's aria-live="polite" landmark, "Notifications alt+T") where success messages appear. */
export const toasts = (page: Page) => page.getByRole("region", { name: /^Notifications/ });

/** Signs up as a team owner; returns the email and the team's ID. */
export async function signUpOwner(page: Page, name: string): Promise<{ email: string; teamId: string }> {
  const email = await signUp(page, name);
  return { email, teamId: page.url().split("/teams/")[1]!.split(/[/?#]/)[0]! };
}

/** Invites from the Members page and returns the one-time link it shows. */
export async function invite(page: Page, teamId: string, email: string, role: "Admin" | "Member"): Promise<string> {
  await page.goto(`/teams/${teamId}/members`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: role });
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(toasts(page).getByText(`Invite created for ${email}.`)).toBeVisible();
  await expect(page.getByTestId("invite-created")).toContainText(`Send this link to ${email}.`);
  const link = (await page.getByTestId("invite-link").innerText()).trim();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return link;
}

/** Opens the link anonymously, signs up with the prefilled address, and joins. */
export async function joinAsNewUser(page: Page, link: string, name: string, email: string, teamName: string): Promise<void> {
  await page.goto(link);
  await expect(page.getByTestId("invited-email")).toHaveText(email);
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByLabel("Work email")).toHaveValue(email);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/invite\//);
  await page.getByRole("button", { name: `Join ${teamName}` }).click();
  await expect(page).toHaveURL(/\/teams\//);
  await expect(toasts(page).getByText(new RegExp(`^You joined ${teamName} as an? (admin|member)\\.$`))).toBeVisible();
}

/** Creates a project from the team page and lands on its Identity page; returns the project ID. */
export async function createProject(page: Page, name: string): Promise<string> {
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  // A cold server's first Identity page compiles shiki's grammars (both themes) while boot warms the rest.
  await expect(page).toHaveURL(/\/projects\/prj_[0-9A-Za-z]{22}\/settings\/identity$/, { timeout: 30_000 });
  return (await page.getByTestId("project-id").innerText()).trim();
}

/** Ends the 5 minutes that signing in or up counts as a password confirmation (lib/auth/reauth.ts's cookie). */
export async function forgetPasswordConfirmation(page: Page): Promise<void> {
  await page.context().clearCookies({ name: "reqio_reauth" });
}

export const passwordPrompt = (page: Page) => page.getByRole("dialog", { name: "Confirm your password" });

export async function confirmPassword(page: Page, password = PASSWORD): Promise<void> {
  const prompt = passwordPrompt(page);
  await prompt.getByLabel("Password").fill(password);
  await prompt.getByRole("button", { name: "Confirm" }).click();
  await expect(prompt).toBeHidden();
}

/** A browser of its own (its own cookies) whose requests come from `address` (see addresses.ts). */
export async function pageFrom(browser: Browser, address: string): Promise<Page> {
  return (await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": address } })).newPage();
}

/** Signs up `name`, creates `projectName` and reveals its secret; `audience` is what its tokens' aud must be. */
export async function signUpWithProject(page: Page, baseURL: string | undefined, name: string, projectName: string) {
  await signUp(page, name);
  const projectId = await createProject(page, projectName);
  return { projectId, audience: `${baseURL}/p/${projectId}`, secret: await revealSecret(page) };
}

/** An identity token for `sub`, signed with `secret` the docs' way, issued now and valid for 300 s. */
export function mint(secret: string, audience: string, sub: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub }).setProtectedHeader({ alg: "HS256" }).setAudience(audience).setIssuedAt(now).setExpirationTime(now + 300).sign(new TextEncoder().encode(secret));
}

/** Types `name` into a type-to-confirm dialog: `button` stays disabled while it is empty and for `nearMiss`, then enables. */
export async function typeToConfirm(dialog: Locator, button: Locator, name: string, nearMiss: string): Promise<Locator> {
  const typed = dialog.getByLabel(`Type "${name}" to confirm`);
  await expect(button).toBeDisabled();
  await typed.fill(nearMiss);
  await expect(button).toBeDisabled();
  await typed.fill(name);
  await expect(button).toBeEnabled();
  return typed;
}

/** Makes the dialog form's next submission send `value` as `field`, as a hand-made request could: the server must check it. */
export async function forgeNextSubmission(dialog: Locator, field: string, value: string): Promise<void> {
  await dialog.locator("form").evaluate((form: HTMLFormElement, [name, forged]) => {
    form.addEventListener("formdata", (event) => event.formData.set(name, forged), { once: true });
  }, [field, value] as const);
}

/** Clicks Reveal, answering the password prompt if the password wasn't confirmed in the last 5 minutes. */
/** Reveals the shown environment's secret (`pattern`: DEV_SECRET_RE on the Development page). */
export async function revealSecret(page: Page, pattern = SECRET_RE): Promise<string> {
  await page.getByRole("button", { name: "Reveal", exact: true }).click();
  const secret = page.getByTestId("identity-secret");
  await expect(secret.filter({ hasText: pattern }).or(passwordPrompt(page))).toBeVisible();
  if (await passwordPrompt(page).isVisible()) await confirmPassword(page);
  await expect(secret).toHaveText(pattern);
  return (await page.getByTestId("identity-secret").innerText()).trim();
}

/**
 * Picks `stackLabel` in the Identity page's "Your stack" picker and returns the file at `path` (or the
 * `.env` line, path ".env") exactly as its Copy button puts it on the clipboard.
 */
export async function copyStackFile(page: Page, stackLabel: string, path: string): Promise<string> {
  await page.getByLabel("Your stack").selectOption({ label: stackLabel }); // enabled once the picker has hydrated
  const stack = page.getByRole("region", { name: `${stackLabel} files`, exact: true });
  // Emptied first, so the text read back is this click's, not an earlier copy's.
  await page.evaluate(() => navigator.clipboard.writeText(""));
  await stack.getByRole("button", { name: `Copy ${path}`, exact: true }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).not.toBe("");
  return page.evaluate(() => navigator.clipboard.readText());
}

/** The database the e2e server uses (scripts/e2e-server.sh writes its URL): SQLite file or PostgreSQL. */
export function e2eDatabaseUrl(): string {
  return fs.readFileSync(path.join(E2E_DIR, "database-url"), "utf8").trim();
}

/** Everything the database holds at rest (SQLite files, or a pg_dump of the PostgreSQL database). */
export function databaseBytes(): Buffer {
  return rawDatabaseBytes(e2eDatabaseUrl());
}
