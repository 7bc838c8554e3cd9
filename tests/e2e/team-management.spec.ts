import { expect, test, type Page } from "@playwright/test";
import { specClients } from "./addresses";
import { createProject, forgeNextSubmission, invite, joinAsNewUser, pageFrom, revealSecret, SECRET_RE, signUpOwner, toasts, typeToConfirm, uniqueEmail } from "./helpers";

const clients = specClients("team-management");
// The test's own browser sends from client 1 and the member's from client 2, not the suite's loopback.
test.use({ extraHTTPHeaders: { "x-forwarded-for": clients.at(1) } });

const switcher = (page: Page) => page.getByRole("combobox", { name: "Team", exact: true });
const teamNav = (page: Page) => page.getByRole("navigation", { name: "Team", exact: true });

/** The switcher's teams, and the one it shows as current. */
async function expectSwitcher(page: Page, teams: string[], current: { id: string; name: string }): Promise<void> {
  await expect(switcher(page).getByRole("option")).toHaveText(teams);
  await expect(switcher(page)).toHaveValue(current.id);
  await expect(switcher(page).locator("option:checked")).toHaveText(current.name);
}

test("a second team: created from the sidebar, switched to and back, renamed, and deleted by typing its name", async ({ page }) => {
  const first = { id: (await signUpOwner(page, "Tess")).teamId, name: "Tess's team" };
  await expectSwitcher(page, [first.name], first);

  await teamNav(page).getByRole("link", { name: "+ New team" }).click();
  await expect(page).toHaveURL("/teams/new");
  await page.getByLabel("Team name").fill("   ");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByLabel("Team name")).toHaveAccessibleDescription(/^Enter a team name\./);
  await page.getByLabel("Team name").fill("Launch crew");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(toasts(page).getByText("Created Launch crew.")).toBeVisible();
  await expect(page).toHaveURL(/\/teams\/(?!new$)[^/]+$/);
  const second = { id: new URL(page.url()).pathname.split("/")[2]!, name: "Launch crew" };
  expect(second.id).not.toBe(first.id);
  await expect(page.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();
  await expectSwitcher(page, [first.name, second.name], second);

  // Switching goes to the chosen team's page and marks it current.
  await switcher(page).selectOption({ label: first.name });
  await expect(page).toHaveURL(`/teams/${first.id}`);
  await expectSwitcher(page, [first.name, second.name], first);
  await switcher(page).selectOption({ label: second.name });
  await expect(page).toHaveURL(`/teams/${second.id}`);
  await expectSwitcher(page, [first.name, second.name], second);

  // Rename from Team settings: the switcher follows without a reload.
  await teamNav(page).getByRole("link", { name: "Team settings" }).click();
  await expect(page.getByRole("heading", { name: "Team settings" })).toBeVisible();
  const name = page.getByLabel("Team name");
  await expect(name).toHaveValue(second.name);
  await name.fill("");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(name).toHaveAccessibleDescription(/^Enter a team name\./);
  await name.fill("  Launch   squad ");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(toasts(page).getByText("Renamed to Launch squad.")).toBeVisible();
  const renamed = { id: second.id, name: "Launch squad" };
  await expectSwitcher(page, [first.name, renamed.name], renamed);

  // Delete: the button waits for the exact name, and the server checks it again.
  await page.getByRole("button", { name: "Delete team…" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete Launch squad?" });
  const confirm = dialog.getByRole("button", { name: "Delete team" });
  const typed = await typeToConfirm(dialog, confirm, "Launch squad", "Launch crew");
  await forgeNextSubmission(dialog, "confirmation", "Launch crew");
  await confirm.click();
  await expect(typed).toHaveAccessibleDescription('Type the team name "Launch squad" exactly to confirm.');

  await confirm.click();
  // Home is the remaining team; the switcher lists it alone, and the deleted team's pages are gone.
  await expect(page).toHaveURL(`/teams/${first.id}`);
  await expectSwitcher(page, [first.name], first);
  for (const path of ["", "/settings", "/members", "/audit-log"]) {
    const response = await page.goto(`/teams/${second.id}${path}`);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
  await expectSwitcher(page, [first.name], first);
});

/** Changes a member's role on the Members page and waits for the confirmation. */
async function setRole(owner: Page, teamId: string, email: string, role: "Admin" | "Member"): Promise<void> {
  await owner.goto(`/teams/${teamId}/members`);
  await owner.getByLabel(`Role for ${email}`, { exact: true }).selectOption({ label: role });
  await owner.getByRole("button", { name: `Save role for ${email}` }).click();
  await expect(toasts(owner).getByText(`${email} is now ${role === "Admin" ? "an admin" : "a member"}.`)).toBeVisible();
}

test("an owner makes a member an admin and back: the member's next page load follows, and the audit log says who did what", async ({ page: owner, browser }) => {
  const { email: ownerEmail, teamId } = await signUpOwner(owner, "Rhea");
  const projectId = await createProject(owner, "Roles app");
  const identity = `/projects/${projectId}/settings/identity`;
  const auditLog = `/teams/${teamId}/audit-log`;
  const memberEmail = uniqueEmail("member");
  const link = await invite(owner, teamId, memberEmail, "Member");
  const member = await pageFrom(browser, clients.at(2));
  await joinAsNewUser(member, link, "Mo", memberEmail, "Rhea's team");

  /** What a plain member sees: no audit log or settings links, the log itself a 404, no Reveal. */
  async function expectMemberCapabilities(): Promise<void> {
    await member.goto(`/teams/${teamId}`);
    await expect(member.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();
    await expect(member.getByRole("link", { name: "Team audit log" })).toHaveCount(0);
    await expect(teamNav(member).getByRole("link", { name: "Audit log" })).toHaveCount(0);
    await expect(teamNav(member).getByRole("link", { name: "Team settings" })).toHaveCount(0);
    expect((await member.goto(auditLog))?.status()).toBe(404);
    await expect(member.getByRole("heading", { name: "Not found" })).toBeVisible();
    expect((await member.request.get(`/api/v1/audit-log/export?teamId=${teamId}`)).status()).toBe(404);
    await member.goto(identity);
    await expect(member.getByRole("heading", { name: "Identity verification" })).toBeVisible();
    await expect(member.getByRole("button", { name: "Reveal", exact: true })).toHaveCount(0);
  }
  await expectMemberCapabilities();

  await setRole(owner, teamId, memberEmail, "Admin");
  await expect(owner.getByLabel(`Role for ${memberEmail}`, { exact: true })).toHaveValue("admin");
  // The member's next page load (no new sign-in) shows what an admin may do.
  await member.goto(`/teams/${teamId}`);
  await expect(member.getByRole("link", { name: "Team audit log" })).toBeVisible();
  await expect(teamNav(member).getByRole("link", { name: "Team settings" })).toBeVisible();
  await member.goto(identity);
  expect(await revealSecret(member)).toMatch(SECRET_RE);

  await owner.goto(`/teams/${teamId}/settings`);
  await owner.getByLabel("Team name").fill("Rhea's crew");
  await owner.getByRole("button", { name: "Rename" }).click();
  await expect(toasts(owner).getByText("Renamed to Rhea's crew.")).toBeVisible();

  // The new admin reads the log: labels, who acted, and what changed.
  await teamNav(member).getByRole("link", { name: "Audit log" }).click();
  await expect(member.getByRole("heading", { name: "Team audit log" })).toBeVisible();
  const rows = member.getByRole("table", { name: "Audit events" }).locator("tbody tr");
  const row = (label: string) => rows.filter({ has: member.getByText(label, { exact: true }) });
  const actor = (label: string) => row(label).getByRole("cell").nth(1);
  const details = (label: string) => row(label).getByRole("cell").nth(4);
  await expect(row("Member invited")).toHaveCount(1);
  await expect(actor("Member invited")).toHaveText(ownerEmail);
  await expect(details("Member invited")).toContainText(`email: ${memberEmail}`);
  await expect(details("Member invited")).toContainText("role: member");
  await expect(actor("Invitation accepted")).toHaveText(memberEmail);
  await expect(row("Member's role changed")).toHaveCount(1);
  await expect(actor("Member's role changed")).toHaveText(ownerEmail);
  await expect(details("Member's role changed")).toContainText(`member: ${memberEmail} · from: member · to: admin`);
  await expect(actor("Team renamed")).toHaveText(ownerEmail);
  await expect(details("Team renamed")).toContainText("from: Rhea's team · to: Rhea's crew");
  // Newest first.
  await expect(rows.first()).toContainText("Team renamed");

  await setRole(owner, teamId, memberEmail, "Member");
  await owner.goto(auditLog);
  const ownerRows = owner.getByRole("table", { name: "Audit events" }).locator("tbody tr");
  await expect(ownerRows.first()).toContainText("Member's role changed");
  await expect(ownerRows.first()).toContainText(`member: ${memberEmail} · from: admin · to: member`);
  await expect(ownerRows.filter({ hasText: "Member's role changed" })).toHaveCount(2);
  await expectMemberCapabilities();
});
