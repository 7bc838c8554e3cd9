import fs from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { specClients } from "./addresses";
import { createProject, E2E_DIR, PASSWORD, signUp, toasts, uniqueEmail } from "./helpers";

const clients = specClients("feedback");
// Everything this spec sends without an address of its own comes from its client 1, not the suite's loopback.
test.use({ extraHTTPHeaders: { "x-forwarded-for": clients.at(1) } });

/** The sidebar's navigation: present means the dashboard shell, not a bare page. */
const sidebar = (page: Page) => page.getByRole("navigation", { name: "Projects" });

async function teamIdOf(page: Page): Promise<string> {
  return page.url().split("/teams/")[1]!.split(/[/?#]/)[0]!;
}

let client = 1;
/** A browser of their own, from an address of their own (each person spends their own sign-up budget). */
async function newPage(browser: Browser): Promise<Page> {
  client += 1;
  return (await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clients.at(client) } })).newPage();
}

test("an unknown project or team is a 404 inside the dashboard shell; other URLs get the plain page, and the skip link has a target", async ({ page }) => {
  await signUp(page, "Lost");
  for (const url of ["/projects/does-not-exist", "/projects/prj_0000000000000000000000/settings/identity", "/teams/does-not-exist/members"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(sidebar(page), url).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to your projects" })).toBeVisible();
    await expect(page.locator("#main")).toHaveCount(1);
  }
  // The sidebar is the user's own team's: its projects are one click away.
  await sidebar(page).getByRole("link", { name: "Projects" }).click();
  await expect(page.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();

  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.locator("#main")).toHaveCount(1);
});

test("a dashboard page that fails says so in plain words inside the shell, with a reference and Try again, never the error itself", async ({ page }) => {
  await signUp(page, "Broken");
  const teamId = await teamIdOf(page);
  // REQIO_E2E_FAILING_PAGE=1 (scripts/e2e-server.sh): a page that always throws; elsewhere it is a 404.
  await page.goto(`/teams/${teamId}/e2e-failing-page`);
  await expect(page.getByRole("heading", { name: "This page couldn't be shown" })).toBeVisible();
  await expect(page.getByText("Something went wrong on our side while loading it. Nothing was changed.")).toBeVisible();
  await expect(sidebar(page)).toBeVisible();
  const reference = (await page.getByTestId("error-reference").innerText()).trim();
  expect(reference).toMatch(/^[0-9A-Za-z]+$/);
  const html = await page.content();
  expect(html).not.toContain("internal detail");
  expect(html).not.toMatch(/at \S+ \(|\.tsx?:\d+/); // no stack frame
  // The reference finds the full error in the server log.
  await expect.poll(() => {
    const log = fs.readFileSync(path.join(E2E_DIR, "server.log"), "utf8");
    return log.includes(reference) && log.includes("internal detail");
  }).toBe(true);

  // Try again asks the server for the page again (it fails again, so the same message comes back).
  const refetch = page.waitForRequest((request) => request.url().includes("/e2e-failing-page") && request.headers()["rsc"] === "1");
  await page.getByRole("button", { name: "Try again" }).click();
  await refetch;
  await expect(page.getByRole("heading", { name: "This page couldn't be shown" })).toBeVisible();
});

test("renaming a project and a team is confirmed by a toast", async ({ page }) => {
  await signUp(page, "Toasty");
  const teamId = await teamIdOf(page);
  await page.getByLabel("Project name").fill("First name");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(toasts(page).getByText("Created First name.")).toBeVisible();
  await expect(page).toHaveURL(/\/settings\/identity$/);
  const projectId = page.url().split("/projects/")[1]!.split("/")[0]!;

  await page.goto(`/projects/${projectId}/settings`);
  await page.getByRole("textbox", { name: "Name" }).fill("Second name");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(toasts(page).getByText("Renamed to Second name.")).toBeVisible();
  // Said once: the toast is the only success message on the page. Counted once the form has its
  // result (the button is no longer "Saving…"), and not retried: a retry would outwait the toast.
  await expect(page.getByRole("button", { name: "Rename" })).toBeEnabled();
  expect(await page.getByText("Renamed to Second name.").count()).toBe(1);

  await page.goto(`/teams/${teamId}/settings`);
  await page.getByLabel("Team name").fill("Toast makers");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(toasts(page).getByText("Renamed to Toast makers.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Rename" })).toBeEnabled();
  expect(await page.getByText("Renamed to Toast makers.").count()).toBe(1);
  // A refusal stays next to the field, not in a toast.
  await page.getByLabel("Team name").fill(" ");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByText("Enter a team name.")).toBeVisible();
  expect(await toasts(page).getByText("Enter a team name.").count()).toBe(0);
});

test("joining says 'You joined … as a member' on the team; role changes read naturally, in a toast; a member's .env line says whom to ask", async ({ browser }) => {
  const owner = await newPage(browser);
  await signUp(owner, "Olga");
  const teamId = await teamIdOf(owner);
  const teamName = "Olga's team";
  const projectId = await createProject(owner, "Joined app");

  const memberEmail = uniqueEmail("ada");
  await owner.goto(`/teams/${teamId}/members`);
  await owner.getByLabel("Email", { exact: true }).fill(memberEmail);
  await owner.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(toasts(owner).getByText(`Invite created for ${memberEmail}.`)).toBeVisible();
  const link = (await owner.getByTestId("invite-link").innerText()).trim();

  const member = await newPage(browser);
  await member.goto(link);
  await member.getByRole("link", { name: "Create an account" }).click();
  await member.getByLabel("Your name").fill("Ada");
  await member.getByLabel("Password").fill(PASSWORD);
  await member.getByRole("button", { name: "Create account" }).click();
  await expect(member).toHaveURL(/\/invite\//);
  await member.getByRole("button", { name: `Join ${teamName}` }).click();
  await expect(member.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();
  await expect(toasts(member).getByText(`You joined ${teamName} as a member.`)).toBeVisible();
  // Said once: the ?joined=1 the redirect carried is dropped, so a reload doesn't say it again.
  await expect(member).toHaveURL(new RegExp(`/teams/${teamId}$`));

  // Pages their role can't open are real 404s, also behind a loading skeleton (streaming can't change the status).
  for (const url of [`/teams/${teamId}/audit-log`, `/projects/${projectId}/settings/audit-log`, `/teams/${teamId}/settings`]) {
    expect((await member.request.get(url)).status(), url).toBe(404);
  }
  // Members can't reveal, so their .env line doesn't tell them to.
  await member.goto(`/projects/${projectId}/settings/identity`);
  const env = member.getByTestId("snippet-env");
  await expect(env).toContainText(`Ask an owner or admin of ${teamName} for the secret`);
  await expect(member.getByText("Reveal the secret to copy this line")).toHaveCount(0);
  // ...while an owner, before revealing, is told how to get it.
  await owner.goto(`/projects/${projectId}/settings/identity`);
  await expect(owner.getByTestId("snippet-env")).toContainText("Reveal the secret to copy this line");

  await owner.goto(`/teams/${teamId}/members`);
  const row = owner.getByRole("listitem", { name: memberEmail });
  for (const [label, phrase] of [["Admin", "an admin"], ["Member", "a member"], ["Owner", "an owner"]] as const) {
    await row.getByLabel(`Role for ${memberEmail}`, { exact: true }).selectOption({ label });
    await row.getByRole("button", { name: `Save role for ${memberEmail}` }).click();
    await expect(toasts(owner).getByText(`${memberEmail} is now ${phrase}.`)).toBeVisible();
    // The re-rendered row carries the new role, so the next change is checked against it.
    await expect(row.locator('input[name="expectedRole"]')).toHaveValue(label.toLowerCase());
  }

  // Removing them: the row goes away, the toast stays to say so.
  await owner.reload();
  await owner.getByRole("button", { name: `Remove ${memberEmail}` }).click();
  await owner.getByRole("dialog").getByRole("button", { name: "Remove", exact: true }).click();
  await expect(toasts(owner).getByText(`Removed ${memberEmail}.`, { exact: false })).toBeVisible();
  await expect(owner.getByRole("listitem", { name: memberEmail })).toHaveCount(0);
});
