// The dashboard at a phone's width (375 px) and a laptop's (1280 px): no page scrolls sideways, the
// sidebar is a drawer behind a menu button on the phone, and tables become labelled cards.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { specClients } from "./addresses";
import { createProject, revealSecret, signUp } from "./helpers";

const clients = specClients("responsive");
// Everything this spec sends without an address of its own comes from its client 1, not the suite's loopback.
test.use({ extraHTTPHeaders: { "x-forwarded-for": clients.at(1) } });

test.skip(!!process.env.REQIO_TEST_POSTGRES_URL, "layout at phone and desktop widths doesn't depend on the database: this runs in the suite's SQLite pass, keeping CI within its time budget");

const PHONE = { width: 375, height: 812 };
const LAPTOP = { width: 1280, height: 800 };
const USERS = 12;

/** Too long for one line at 375 px, as real addresses often are, though each half fits. */
const longEmail = (label: string) => `${label}.montgomery-${randomUUID().slice(0, 6)}@customer-success.example.com`;

async function mint(secret: string, audience: string, claims: Record<string, unknown>): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setAudience(audience).setIssuedAt(now).setExpirationTime(now + 300).sign(new TextEncoder().encode(secret));
}

/** A fresh address per call, so no per-IP budget stands in for the verdict. */
async function identify(page: Page, projectId: string, token: string): Promise<number> {
  const ip = clients.next();
  return (await page.request.post(`/api/v1/projects/${projectId}/identify`, { data: { token }, headers: { "x-forwarded-for": ip } })).status();
}

/**
 * A team with a long-addressed owner, a pending invite, a project with traffic (identified users with
 * long e-mails, rejected tokens of two causes) and audit events; returns every dashboard page's path.
 */
async function seedTeam(page: Page): Promise<{ pages: string[]; identityPath: string; owner: string; invitee: string }> {
  const owner = await signUp(page, "Wide", longEmail("owner"));
  const teamId = page.url().split("/teams/")[1]!.split(/[/?#]/)[0]!;
  const projectId = await createProject(page, "Phone check");
  const secret = await revealSecret(page);
  const audience = (await page.getByTestId("audience").innerText()).trim();
  for (let i = 0; i < USERS; i++) {
    const claims = { sub: `user_${i}_${randomUUID()}`, email: longEmail(`user${i}`), traits: { plan: "enterprise", amount: 129_900, interval: "year" } };
    expect(await identify(page, projectId, await mint(secret, audience, claims))).toBe(200);
  }
  expect(await identify(page, projectId, await mint(secret, "https://elsewhere.example/p/x", { sub: "lost" }))).toBe(401);
  expect(await identify(page, projectId, await mint(`${secret}x`, audience, { sub: "forged" }))).toBe(401);
  // The status panel polls: wait until every user and both causes are listed.
  await expect(page.getByRole("table", { name: "Recently identified users" }).locator("tbody tr")).toHaveCount(USERS, { timeout: 15_000 });
  await expect(page.getByRole("table", { name: "Rejected tokens by cause" }).locator("tbody tr")).toHaveCount(2);

  await page.goto(`/teams/${teamId}/members`);
  const invitee = longEmail("invitee");
  await page.getByLabel("Email", { exact: true }).fill(invitee);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(page.getByRole("list", { name: "Pending invites" })).toContainText(invitee);

  const identityPath = `/projects/${projectId}/settings/identity`;
  const pages = [
    `/teams/${teamId}`,
    `/teams/${teamId}/members`,
    `/teams/${teamId}/settings`,
    `/teams/${teamId}/audit-log`,
    `/projects/${projectId}`,
    `/projects/${projectId}/settings`,
    identityPath,
    `/projects/${projectId}/settings/audit-log`,
    "/account",
  ];
  return { pages, identityPath, owner, invitee };
}

async function openPage(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.locator("h1")).toBeVisible();
  await page.waitForLoadState("networkidle");
}

function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

/** An element's text as the browser laid it out, one string per line. */
function renderedLines(element: Locator): Promise<string[]> {
  return element.evaluate((el) => {
    const lines = new Map<number, string>();
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.textContent!.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const top = Math.round(range.getBoundingClientRect().top);
        lines.set(top, (lines.get(top) ?? "") + node.textContent![i]);
      }
    }
    return [...lines.entries()].sort(([a], [b]) => a - b).map(([, text]) => text);
  });
}

/** A long address is laid out as "local-part@" over "domain": whole, on screen, broken nowhere else. */
async function expectWrappedAfterAt(address: Locator, email: string): Promise<void> {
  const at = email.lastIndexOf("@");
  expect(await renderedLines(address)).toEqual([email.slice(0, at + 1), email.slice(at + 1)]);
  const box = (await address.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
}

test("at 375 px no page scrolls sideways, the Identity title is at the top and its tables are labelled cards", async ({ page }, testInfo) => {
  await page.setViewportSize(PHONE);
  const { pages, identityPath, owner, invitee } = await seedTeam(page);

  for (const path of pages) {
    await openPage(page, path);
    expect(await scrollsSideways(page), `${path} scrolls sideways at 375 px`).toBe(false);
    await expect(page.getByRole("navigation", { name: "Team" }), path).toBeHidden();
    // The account page has no sidebar, so nothing to open.
    if (path !== "/account") await expect(page.getByRole("button", { name: "Menu" }), path).toBeVisible();
    else await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
  }

  await openPage(page, identityPath);
  const title = await page.getByRole("heading", { level: 1 }).boundingBox();
  expect(title!.y).toBeLessThanOrEqual(120);
  // The setup comes before the status lists, and the page says what it holds.
  const top = async (name: string) => (await page.getByRole("heading", { name, exact: true }).boundingBox())!.y;
  expect(await top("Signing secret")).toBeLessThan(await top("Integration status"));
  expect(await top("Snippets")).toBeLessThan(await top("Integration status"));
  await page.getByRole("navigation", { name: "On this page" }).getByRole("link", { name: "Integration status" }).click();
  await expect(page).toHaveURL(/#status-title$/);
  await expect(page.getByRole("heading", { name: "Integration status", exact: true })).toBeInViewport();

  // Each identified user is a card: every field labelled and on screen, the e-mail broken only after its @.
  const users = page.getByRole("table", { name: "Recently identified users" });
  const card = users.locator("tbody tr").first();
  for (const label of ["User ID", "Email", "Plan", "MRR", "Last seen"]) await expect(card).toContainText(label);
  const cardBox = (await card.boundingBox())!;
  expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(PHONE.width);
  const email = card.getByText(/^user\d+\.montgomery-.*\.com$/);
  await expectWrappedAfterAt(email, (await email.textContent())!);
  await expect(users.getByRole("row")).toHaveCount(USERS + 1); // still a table to screen readers: header row and one per user
  const reasons = page.getByRole("table", { name: "Rejected tokens by cause" });
  await expect(reasons.locator('tr[data-cause="wrong_project"]')).toContainText("Count");

  // Members and invites: the long addresses wrap after their @ too.
  await openPage(page, pages[1]!);
  await expectWrappedAfterAt(page.getByRole("list", { name: "Members" }).getByText(owner), owner);
  await expectWrappedAfterAt(page.getByRole("list", { name: "Pending invites" }).getByText(invitee), invitee);

  // Screenshots for a person to look at (test artifacts, not compared).
  await openPage(page, identityPath);
  await page.screenshot({ path: testInfo.outputPath("identity-375-top.png") });
  await testInfo.attach("identity-375-top", { path: testInfo.outputPath("identity-375-top.png"), contentType: "image/png" });
  await page.screenshot({ path: testInfo.outputPath("identity-375-full.png"), fullPage: true });
  await testInfo.attach("identity-375-full", { path: testInfo.outputPath("identity-375-full.png"), contentType: "image/png" });

  // Every stack is reachable: the picker is a native select that fits on screen.
  const picker = page.getByLabel("Your stack");
  const pickerBox = (await picker.boundingBox())!;
  expect(pickerBox.x + pickerBox.width).toBeLessThanOrEqual(PHONE.width);
  for (const option of await picker.locator("option").allInnerTexts()) {
    await picker.selectOption({ label: option });
    // Picked stacks load after the pick: check their files, not the loading line.
    const files = page.getByRole("region", { name: `${option} files`, exact: true });
    await expect(files.locator("[data-testid^='snippet-']:not([data-testid='snippet-env'])").first()).toBeVisible();
    expect(await scrollsSideways(page), `${option} files scroll the page sideways`).toBe(false);
  }
});

test("at 375 px the menu button opens the navigation drawer: focus stays inside, Escape and links close it", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signUp(page, "Drawer");
  await createProject(page, "Drawer project");

  const menu = page.getByRole("button", { name: "Menu" });
  const drawer = page.getByRole("dialog", { name: "Navigation" });
  await menu.click();
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole("link", { name: "Drawer project" })).toHaveAttribute("aria-current", "page");
  const focusInDrawer = () => drawer.evaluate((el) => el.contains(document.activeElement));
  expect(await focusInDrawer()).toBe(true);
  // More presses than the drawer has controls, both ways round.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    expect(await focusInDrawer(), `focus after ${i + 1} Tab`).toBe(true);
  }
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Shift+Tab");
    expect(await focusInDrawer(), `focus after ${i + 1} Shift+Tab`).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(menu).toBeFocused();

  await menu.click();
  await drawer.getByRole("link", { name: "Members" }).click();
  await expect(page).toHaveURL(/\/teams\/[^/]+\/members$/);
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  await expect(drawer).toBeHidden();

  // A link to the page already shown closes it too.
  await menu.click();
  await drawer.getByRole("link", { name: "Members" }).click();
  await expect(drawer).toBeHidden();

  // Widening the window past the drawer's breakpoint closes it: the sidebar is shown in place instead.
  await menu.click();
  await expect(drawer).toBeVisible();
  await page.setViewportSize(LAPTOP);
  await expect(drawer).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Team" })).toBeVisible();
});

test("at 1280 px the sidebar is shown in place, there is no menu button and no page scrolls sideways", async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  const { pages } = await seedTeam(page);
  for (const path of pages) {
    await openPage(page, path);
    expect(await scrollsSideways(page), `${path} scrolls sideways at 1280 px`).toBe(false);
    await expect(page.getByRole("button", { name: "Menu" }), path).toBeHidden();
    if (path !== "/account") await expect(page.getByRole("navigation", { name: "Team" }), path).toBeVisible();
  }
});
