import { expect, test, type Browser, type Page, type Request } from "@playwright/test";
import { specClients } from "./addresses";
import { createProject, invite, joinAsNewUser, revealSecret, SECRET_RE, signUp, signUpOwner, uniqueEmail } from "./helpers";

const clients = specClients("teams");
// Everything this spec sends without an address of its own comes from its client 1, not the suite's loopback.
test.use({ extraHTTPHeaders: { "x-forwarded-for": clients.at(1) } });

const REVEAL_REFUSED = "Only owners and admins can reveal the signing secret.";
const LAST_OWNER = "A team needs at least one owner.";

let client = 1;
/** Each person gets their own browser and their own client address (this spec signs up ~9 people). */
async function newPage(browser: Browser): Promise<Page> {
  client += 1;
  return (await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clients.at(client) } })).newPage();
}

/** Sends exactly the captured server-action request again, with this page's cookies instead. */
async function replay(page: Page, request: Request): Promise<string> {
  const headers = { ...(await request.allHeaders()) };
  for (const name of ["cookie", "content-length", "host"]) delete headers[name];
  const response = await page.request.fetch(request.url(), { method: "POST", headers, data: request.postDataBuffer() ?? undefined });
  return response.text();
}

test("owner invites a member and an admin; only the admin can reveal; a removed admin is refused at once", async ({ browser }) => {
  const owner = await newPage(browser);
  const { teamId } = await signUpOwner(owner, "Olive");
  const teamName = "Olive's team";
  const projectId = await createProject(owner, "Shared app");
  const identity = `/projects/${projectId}/settings/identity`;

  const memberEmail = uniqueEmail("member");
  const adminEmail = uniqueEmail("admin");
  const memberLink = await invite(owner, teamId, memberEmail, "Member");
  const adminLink = await invite(owner, teamId, adminEmail, "Admin");

  const member = await newPage(browser);
  await joinAsNewUser(member, memberLink, "Max", memberEmail, teamName);
  const admin = await newPage(browser);
  await joinAsNewUser(admin, adminLink, "Ada", adminEmail, teamName);

  // The member sees the Identity page (status, snippets, debugger), but no Reveal or Rotate, and no secret.
  await member.goto(identity);
  await expect(member.getByRole("heading", { name: "Identity verification" })).toBeVisible();
  await expect(member.getByRole("heading", { name: "Integration status" })).toBeVisible();
  await expect(member.getByRole("heading", { name: "Token debugger" })).toBeVisible();
  await expect(member.getByRole("button", { name: "Reveal", exact: true })).toHaveCount(0);
  await expect(member.getByRole("button", { name: /Rotate/ })).toHaveCount(0);
  await expect(member.getByTestId("identity-secret")).not.toHaveText(SECRET_RE);
  // The .env line, shown under every stack, holds the members' placeholder and has no Copy button.
  await expect(member.getByTestId("snippet-env")).toContainText("REQIO_SECRET=<ask an owner or admin of this team for the secret>");
  await expect(member.getByTestId("snippet-env").getByRole("button", { name: "Copy .env" })).toHaveCount(0);
  await expect(member.getByTestId("snippet-env")).toContainText(`Ask an owner or admin of ${teamName} for the secret`);
  await expect(member.getByTestId("snippet-env")).not.toHaveText(SECRET_RE);
  expect(await member.content()).not.toMatch(SECRET_RE);

  // The admin reveals; we keep the exact server-action request the Reveal button sent.
  const actionCalls: { request: Request; body: string }[] = [];
  await admin.route(`**${identity}`, async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.fallback();
    const response = await route.fetch();
    const body = await response.text();
    actionCalls.push({ request, body });
    await route.fulfill({ response, body });
  });
  await admin.goto(identity);
  const secret = await revealSecret(admin);
  await admin.unroute(`**${identity}`);
  const revealRequest = actionCalls.find((call) => call.body.includes(secret))?.request;
  if (!revealRequest) throw new Error(`no captured action response held the secret (${actionCalls.length} captured)`);

  // The same request from the member's browser is refused by the server.
  const asMember = await replay(member, revealRequest);
  expect(asMember).toContain(REVEAL_REFUSED);
  expect(asMember).not.toMatch(SECRET_RE);
  // ...and still works for the admin, as a control.
  expect(await replay(admin, revealRequest)).toContain(secret);

  // The owner removes the admin; the admin's very next request is refused.
  await owner.goto(`/teams/${teamId}/members`);
  await owner.getByRole("button", { name: `Remove ${adminEmail}` }).click();
  await owner.getByRole("dialog").getByRole("button", { name: "Remove", exact: true }).click();
  // The dialog closes once the removal is committed (while it is open, Radix hides the list from the
  // accessibility tree, so checking the row alone would pass too early); then the row is gone.
  await expect(owner.getByRole("dialog")).toBeHidden();
  await expect(owner.getByRole("listitem", { name: adminEmail })).toHaveCount(0);

  const asRemovedAdmin = await replay(admin, revealRequest);
  expect(asRemovedAdmin).toContain("Project not found.");
  expect(asRemovedAdmin).not.toMatch(SECRET_RE);
  await admin.goto(identity);
  await expect(admin.getByRole("heading", { name: "Not found" })).toBeVisible();
  expect((await admin.request.get(`/teams/${teamId}/members`)).status()).toBe(404);
});

test("invite links: bad input, another address, reuse and revoke are refused", async ({ browser }) => {
  const owner = await newPage(browser);
  const { email: ownerEmail, teamId } = await signUpOwner(owner, "Hana");
  const teamName = "Hana's team";

  // Bad input keeps what was typed and says what's wrong.
  await owner.goto(`/teams/${teamId}/members`);
  await owner.getByLabel("Email", { exact: true }).fill("not-an-email");
  await owner.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(owner.getByText("Enter a valid email address.")).toBeVisible();
  await expect(owner.getByLabel("Email", { exact: true })).toHaveValue("not-an-email");
  await owner.getByLabel("Email", { exact: true }).fill(ownerEmail.toUpperCase());
  await owner.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(owner.getByText(`${ownerEmail} is already a member of this team.`)).toBeVisible();

  const intended = uniqueEmail("intended");
  const link = await invite(owner, teamId, intended, "Member");

  // Someone signed in with another address is refused, and offered a way to switch accounts.
  const stranger = await newPage(browser);
  const strangerEmail = await signUp(stranger, "Stan");
  await stranger.goto(link);
  await expect(stranger.locator("main").getByRole("alert")).toContainText(`This invite is for ${intended}, but you're signed in as ${strangerEmail}.`);
  await expect(stranger.getByRole("button", { name: /^Join/ })).toHaveCount(0);
  await expect(stranger.getByRole("button", { name: `Sign out of ${strangerEmail}` })).toBeVisible();

  // The right person joins; the link then can't be used again, by them or anyone.
  const invitee = await newPage(browser);
  await joinAsNewUser(invitee, link, "Ivy", intended, teamName);
  await invitee.goto(link);
  await expect(invitee.locator("main").getByRole("alert")).toHaveText(/already been used/);
  const anonymous = await newPage(browser);
  await anonymous.goto(link);
  await expect(anonymous.locator("main").getByRole("alert")).toHaveText(/already been used/);

  // A pending invite can be revoked; its link stops working.
  const revokee = uniqueEmail("revokee");
  const revokedLink = await invite(owner, teamId, revokee, "Admin");
  await owner.reload();
  const pending = owner.getByRole("list", { name: "Pending invites" });
  await expect(pending).toContainText(revokee);
  await owner.getByRole("button", { name: `Revoke invite for ${revokee}` }).click();
  await expect(owner.getByText("No pending invites.")).toBeVisible();
  await anonymous.goto(revokedLink);
  await expect(anonymous.locator("main").getByRole("alert")).toHaveText(/was revoked/);
});

test("the last owner can't leave; after transferring ownership they can", async ({ browser }) => {
  const owner = await newPage(browser);
  await owner.setViewportSize({ width: 375, height: 800 });
  const { email: founderEmail, teamId } = await signUpOwner(owner, "Fred");

  await owner.goto(`/teams/${teamId}/members`);
  const overflow = await owner.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await owner.getByRole("button", { name: "Leave team…" }).click();
  await owner.getByRole("dialog").getByRole("button", { name: "Leave team" }).click();
  await expect(owner.getByRole("dialog").getByRole("alert")).toContainText(LAST_OWNER);
  await owner.keyboard.press("Escape");

  const successorEmail = uniqueEmail("successor");
  const link = await invite(owner, teamId, successorEmail, "Member");
  const successor = await newPage(browser);
  await joinAsNewUser(successor, link, "Sue", successorEmail, "Fred's team");

  await owner.goto(`/teams/${teamId}/members`);
  await owner.getByLabel("New owner").selectOption({ label: `Sue (${successorEmail})` });
  const transfer = owner.getByRole("button", { name: "Transfer ownership" });
  await expect(transfer).toBeDisabled();
  await owner.getByLabel(/I understand/).check();
  await transfer.click();
  // The page re-renders for the founder's new role: listed as admin, no transfer card any more.
  await expect(owner.getByRole("listitem", { name: founderEmail }).getByTestId("member-role")).toHaveText("Admin");
  await expect(owner.getByRole("heading", { name: "Transfer ownership" })).toHaveCount(0);
  await expect(owner.getByRole("listitem", { name: successorEmail }).getByTestId("member-role")).toHaveText("Owner");

  await successor.goto(`/teams/${teamId}/members`);
  await expect(successor.getByRole("listitem", { name: successorEmail }).getByTestId("member-role")).toHaveText("Owner");
  await expect(successor.getByRole("heading", { name: "Transfer ownership" })).toBeVisible();

  // No longer the last owner, the founder may leave; their one team gone, home says so.
  await owner.getByRole("button", { name: "Leave team…" }).click();
  await owner.getByRole("dialog").getByRole("button", { name: "Leave team" }).click();
  await expect(owner.getByRole("heading", { name: "You're not in a team" })).toBeVisible();
  expect((await owner.request.get(`/teams/${teamId}`)).status()).toBe(404);
});
