// Sign-up on a server that can send mail: a second server this spec starts (scripts/e2e-server.sh, its
// own database) with SMTP_URL pointing at a real SMTP server here. The suite's server has no SMTP, and
// its sign-up (straight in, "already exists") is what every other spec uses.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { specClients, specPort } from "./addresses";
import { E2E_DIR, PASSWORD, uniqueEmail } from "./helpers";
import { startSmtpInbox, tokenLinkIn, unfoldedBody } from "../helpers/smtp-inbox";

const PORT = specPort("sign-up-email: server with SMTP");
const S = `http://localhost:${PORT}`;
const dir = path.join(E2E_DIR, "sign-up-email");
const clients = specClients("sign-up-email");
let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
let server: ChildProcess | undefined;
let output = "";

test.beforeAll(async () => {
  test.setTimeout(180_000);
  inbox = await startSmtpInbox();
  // detached: its own process group, so afterAll ends the script, the server and its log tee together.
  server = spawn("bash", ["scripts/e2e-server.sh"], { env: { ...process.env, E2E_PORT: String(PORT), E2E_DIR: dir, SMTP_URL: inbox.url }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  server.stdout!.on("data", (chunk) => (output += chunk));
  server.stderr!.on("data", (chunk) => (output += chunk));
  await expect.poll(() => fetch(`${S}/sign-in`).then((r) => r.ok, () => false), { timeout: 150_000, intervals: [200] }).toBe(true);
});

test.afterAll(async () => {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
  await inbox?.close();
  // This server's log joins the suite's, so the leak scan covers it too.
  const log = path.join(dir, "server.log");
  fs.appendFileSync(path.join(E2E_DIR, "server.log"), `\n--- sign-up-email server ---\n${fs.existsSync(log) ? fs.readFileSync(log, "utf8") : output}`);
});

/** A browser of its own on the SMTP server, sending from this spec's client `n`. */
async function visitor(browser: Browser, n: number): Promise<Page> {
  return (await browser.newContext({ baseURL: S, extraHTTPHeaders: { "x-forwarded-for": clients.at(n) } })).newPage();
}

/** Fills and sends the sign-up form (already open); returns the "Check your email" answer's text. */
async function submitSignUp(page: Page, name: string, email?: string): Promise<string> {
  await page.getByLabel("Your name").fill(name);
  if (email) await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  const answer = page.getByTestId("check-email");
  await expect(answer.getByRole("heading", { name: "Check your email" })).toBeFocused();
  return answer.innerText();
}

/** The link to `linkPath` in whichever email to `to` carries one, once it has arrived. */
async function emailedLink(to: string, linkPath: string): Promise<string> {
  let link: string | undefined;
  await expect.poll(() => (link = inbox.to(to).map((mail) => tokenLinkIn(unfoldedBody(mail), linkPath)).find(Boolean))).toBeTruthy();
  return link!;
}

async function signInHere(page: Page, email: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("sign-up answers a new and a registered address alike and signs nobody in; the new account verifies, then signs in", async ({ browser }) => {
  const email = uniqueEmail("newcomer");
  const first = await visitor(browser, 1);
  await first.goto("/sign-up");
  await expect(first.getByText("We'll email you a link to confirm your address.")).toBeVisible();
  const answer = await submitSignUp(first, "Nia", email);
  expect(answer).toContain(`We sent an email to "${email}". Open the link in it to finish signing up.`);
  expect((await first.context().cookies()).some((cookie) => cookie.name.endsWith("next-auth.session-token"))).toBe(false);
  await first.goto("/");
  await expect(first).toHaveURL(/\/sign-in/);

  // The same address again, now that it has an account: the very same answer.
  const second = await visitor(browser, 2);
  await second.goto("/sign-up");
  expect(await submitSignUp(second, "Mallory", email)).toBe(answer);
  await expect.poll(() => inbox.to(email).length).toBe(2);
  expect(inbox.to(email).map(unfoldedBody).filter((body) => body.includes(`Someone, maybe you, tried to create a Reqio account with ${email}.`))).toHaveLength(1);

  const elsewhere = await visitor(browser, 3);
  await elsewhere.goto(await emailedLink(email, "verify-email"));
  await elsewhere.getByRole("button", { name: "Verify my address" }).click();
  await expect(elsewhere.getByRole("status")).toHaveText(`${email} is verified. You can sign in now: Sign in`);
  await elsewhere.getByRole("link", { name: "Sign in" }).click();
  await signInHere(elsewhere, email);
  await expect(elsewhere).toHaveURL(/\/teams\//);
  await expect(elsewhere.getByRole("banner")).toContainText(email);
  await expect(elsewhere.getByRole("combobox", { name: "Team" }).locator("option:checked")).toHaveText("Nia's team");
});

test("an invitee signs up, is asked to verify before joining, verifies and joins", async ({ browser }) => {
  const owner = await visitor(browser, 4);
  const ownerEmail = uniqueEmail("olive");
  await owner.goto("/sign-up");
  await submitSignUp(owner, "Olive", ownerEmail);
  await owner.getByTestId("check-email").getByRole("link", { name: "Sign in" }).click();
  await signInHere(owner, ownerEmail);
  await expect(owner).toHaveURL(/\/teams\//);
  const teamId = owner.url().split("/teams/")[1]!.split(/[/?#]/)[0]!;
  const inviteeEmail = uniqueEmail("ivan");
  await owner.goto(`/teams/${teamId}/members`);
  await owner.getByLabel("Email", { exact: true }).fill(inviteeEmail);
  await owner.getByLabel("Role", { exact: true }).selectOption({ label: "Member" });
  await owner.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(owner.getByTestId("invite-created")).toContainText("(we also emailed it)");

  const invitee = await visitor(browser, 5);
  await invitee.goto(await emailedLink(inviteeEmail, "invite"));
  await invitee.getByRole("link", { name: "Create an account" }).click();
  await expect(invitee.getByLabel("Work email")).toHaveValue(inviteeEmail);
  expect(await submitSignUp(invitee, "Ivan")).toContain(`We sent an email to "${inviteeEmail}".`);
  // Signing in before verifying works; joining waits for the address.
  await invitee.getByTestId("check-email").getByRole("link", { name: "Sign in" }).click();
  await signInHere(invitee, inviteeEmail);
  await expect(invitee).toHaveURL(/\/invite\//);
  await invitee.getByRole("button", { name: "Join Olive's team" }).click();
  await expect(invitee.locator("main").getByRole("alert")).toHaveText(/^Verify your email address first/);

  const verify = await invitee.context().newPage();
  await verify.goto(await emailedLink(inviteeEmail, "verify-email"));
  await verify.getByRole("button", { name: "Verify my address" }).click();
  await expect(verify.getByRole("status")).toHaveText(`${inviteeEmail} is verified. Go to the dashboard`); // signed in here already
  await invitee.reload();
  await invitee.getByRole("button", { name: "Join Olive's team" }).click();
  await expect(invitee).toHaveURL(/\/teams\//);
  await expect(invitee.getByText(/^You joined Olive's team as a member\.$/).first()).toBeVisible();
});
