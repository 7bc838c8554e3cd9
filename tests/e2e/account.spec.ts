import { expect, test, type Browser, type Page } from "@playwright/test";
import { specClients } from "./addresses";
import { NEW_PASSWORD, PASSWORD, pageFrom, signIn, signUp, toasts } from "./helpers";

const clients = specClients("account");
// The test's own browser sends from client 1 and every other browser from an address of its own, not the suite's loopback.
test.use({ extraHTTPHeaders: { "x-forwarded-for": clients.at(1) } });

/** The same person signed in from another browser: a context of its own, so its own session cookie. */
async function secondSession(browser: Browser, email: string): Promise<Page> {
  const page = await pageFrom(browser, clients.next());
  await signIn(page, email);
  await expect(page).toHaveURL(/\/teams\//);
  return page;
}

const hasSessionCookie = async (page: Page) => (await page.context().cookies()).some((cookie) => cookie.name.endsWith("next-auth.session-token"));

/** An account event is recorded in each of the person's teams: here, the one they signed up with. */
async function expectInTeamLog(page: Page, label: string, actor: string): Promise<void> {
  await page.goto(`${new URL(page.url()).pathname}/audit-log`);
  const row = page.getByRole("table", { name: "Audit events" }).locator("tbody tr").filter({ has: page.getByText(label, { exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell").nth(1)).toHaveText(actor);
}

async function submitPasswordChange(page: Page, current: string, next: string): Promise<void> {
  await page.getByLabel("Current password").fill(current);
  await page.getByLabel("New password").fill(next);
  await page.getByRole("button", { name: "Change password" }).click();
}

test("change password: refusals sit under their field; the change keeps this browser signed in, ends the other session, and only the new password signs in", async ({ page, browser }) => {
  const email = await signUp(page, "Pat");
  const other = await secondSession(browser, email);
  const otherTeamPage = other.url();

  await page.goto("/account");
  const current = page.getByLabel("Current password");
  const next = page.getByLabel("New password");
  await submitPasswordChange(page, "not-my-password-1", NEW_PASSWORD);
  await expect(current).toHaveAccessibleDescription("That isn't your current password.");
  await expect(current).toHaveAttribute("aria-invalid", "true");
  await submitPasswordChange(page, PASSWORD, "short");
  await expect(next).toHaveAccessibleDescription(/^Use at least 10 characters\./);
  await submitPasswordChange(page, PASSWORD, PASSWORD);
  await expect(next).toHaveAccessibleDescription(/^Choose a password different from your current one\./);
  // Nothing was changed: the other session still works.
  await other.goto("/account");
  await expect(other.getByRole("heading", { name: "Account" })).toBeVisible();

  await submitPasswordChange(page, PASSWORD, NEW_PASSWORD);
  await expect(toasts(page).getByText("Password changed. Every other session was signed out.")).toBeVisible();
  await expect(current).not.toHaveAttribute("aria-invalid");
  // This browser was signed back in with the new password...
  await page.reload();
  await expect(page.getByText(`Signed in as ${email}.`)).toBeVisible();
  // ...the other one still holds its cookie, but the server no longer accepts it.
  expect(await hasSessionCookie(other)).toBe(true);
  await other.goto(otherTeamPage);
  await expect(other).toHaveURL(/\/sign-in/);

  const fresh = await pageFrom(browser, clients.next());
  await signIn(fresh, email, PASSWORD);
  await expect(fresh.locator("main").getByRole("alert")).toHaveText("Wrong email or password.");
  await signIn(fresh, email, NEW_PASSWORD);
  await expect(fresh).toHaveURL(/\/teams\//);
  await expectInTeamLog(fresh, "Password changed", email);
});

test("sign out of all sessions ends this session and every other one at its next request", async ({ page, browser }) => {
  const email = await signUp(page, "Sam");
  const teamPage = page.url();
  const other = await secondSession(browser, email);
  // Kept to show the server refuses it, not just that this browser forgot it.
  const thisSession = (await page.context().cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"))!;

  await page.goto("/account");
  await page.getByRole("button", { name: "Sign out of all sessions" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  expect(await hasSessionCookie(other)).toBe(true);
  await other.goto(teamPage);
  await expect(other).toHaveURL(/\/sign-in/);
  const replayed = await pageFrom(browser, clients.next());
  await replayed.context().addCookies([thisSession]);
  await replayed.goto(teamPage);
  await expect(replayed).toHaveURL(/\/sign-in/);

  // The password still works: signing in again starts a new session.
  await signIn(page, email);
  await expect(page).toHaveURL(teamPage);
  await expectInTeamLog(page, "Signed out everywhere", email);
});

test("Sign out ends the session itself: its copied cookie loads nothing and the session endpoint won't renew it", async ({ page, browser, baseURL }) => {
  await signUp(page, "Quinn");
  const teamPage = page.url();
  const copied = (await page.context().cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"))!;
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  const replayed = await pageFrom(browser, clients.next());
  await replayed.context().addCookies([copied]);
  await replayed.goto(teamPage);
  await expect(replayed).toHaveURL(/\/sign-in/);
  // next-auth's own endpoint, which renews a live cookie for another week: an ended one gets no session and is cleared.
  const session = await replayed.request.get(`${baseURL}/api/auth/session`, { headers: { cookie: `${copied.name}=${copied.value}` } });
  expect(await session.json()).toEqual({});
  const renewed = session.headersArray().filter((header) => header.name.toLowerCase() === "set-cookie" && header.value.startsWith(`${copied.name}=`));
  expect(renewed.map((header) => header.value)).toEqual([expect.stringMatching(new RegExp(`^${copied.name.replace(/[.]/g, "\\.")}=;`))]);
});

test("Account lists every signed-in browser; signing out another one ends it at its next request, this one stays", async ({ page, browser }) => {
  const email = await signUp(page, "Robin");
  const teamPage = page.url();
  const other = await secondSession(browser, email);
  await page.goto("/account");
  const sessions = page.getByRole("list", { name: "Signed-in sessions" }).getByRole("listitem");
  await expect(sessions).toHaveCount(2);
  await expect(sessions.first()).toContainText("This browser");
  await expect(sessions.first()).toContainText(`from ${clients.at(1)}`);
  await expect(sessions.nth(1)).toContainText(/Chrome \d+ on Linux/);
  await expect(sessions.nth(1)).toContainText(/Signed in (just now|\d+ seconds? ago) from 10\.12\./);
  await expect(sessions.first().getByRole("button", { name: /^Sign out/ })).toHaveCount(0);

  await sessions.nth(1).getByRole("button", { name: /^Sign out Chrome/ }).click();
  await expect(toasts(page)).toContainText("Session signed out.");
  await expect(sessions).toHaveCount(1);
  await other.goto(teamPage);
  await expect(other).toHaveURL(/\/sign-in/);
  await page.goto(teamPage);
  await expect(page).toHaveURL(teamPage);
  await expectInTeamLog(page, "Signed out a session", email);
});

test("on a server that can't send email, Account and Members say plainly that addresses aren't verified and invite links are trusted", async ({ page }) => {
  await signUp(page, "Una");
  const teamPage = page.url();
  await page.goto("/account");
  await expect(page.getByTestId("email-status")).toHaveText(/This server can't send email, so \S+@example\.com isn't verified, and doesn't need to be/);
  await expect(page.getByRole("button", { name: "Send a new link" })).toHaveCount(0);
  await page.goto(`${teamPage}/members`);
  await expect(page.getByTestId("unverified-invites-note")).toHaveText(/whoever holds an invite link can join with it/);
});
