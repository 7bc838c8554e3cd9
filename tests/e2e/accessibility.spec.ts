import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { forgetPasswordConfirmation, passwordPrompt, signUp } from "./helpers";
import { expectNoViolations } from "./axe";
import { CODE_TEXT, TOKEN_CLASSES } from "../../lib/identity/code-palette";

test.skip(!!process.env.REQIO_TEST_POSTGRES_URL, "the pages' markup, contrast and keyboard paths don't depend on the database: this runs in the suite's SQLite pass, keeping CI within its time budget");

// Every page and dialog through axe-core (all its default rules, none disabled), in both themes at a
// desktop and a phone width, and every dialog opened and closed from the keyboard.

type World = { storage: Awaited<ReturnType<BrowserContext["storageState"]>>; teamId: string; projectId: string; inviteUrl: string };
let world: World;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, "Axe");
  const teamId = page.url().match(/\/teams\/([^/?#]+)/)![1]!;
  await page.getByLabel("Project name").fill("Axe project");
  await page.getByRole("button", { name: "Create project" }).click();
  // The first Identity page after a start waits for every stack's highlighting (seconds on a busy machine).
  await expect(page).toHaveURL(/\/settings\/identity$/, { timeout: 60_000 });
  const projectId = (await page.getByTestId("project-id").innerText()).trim();
  // A rotation with a grace period, so the Identity page shows the previous secret and its "Expire now…".
  await page.getByRole("button", { name: "Rotate secret…" }).click();
  const rotate = page.getByRole("dialog", { name: "Rotate the signing secret?" });
  await rotate.getByLabel(/In 24 hours/).check();
  await rotate.getByRole("button", { name: "Rotate secret", exact: true }).click();
  await expect(page.getByTestId("previous-secret")).toBeVisible();
  // A pending invite, for the Members page's list and the invite page.
  await page.goto(`/teams/${teamId}/members`);
  await page.getByLabel("Email").fill(`invitee-${Date.now()}@example.com`);
  await page.getByRole("button", { name: /^Invite/ }).click();
  const inviteUrl = (await page.getByTestId("invite-link").innerText()).trim();
  world = { storage: await context.storageState(), teamId, projectId, inviteUrl };
  await context.close();
});

const THEMES = ["light", "dark"] as const;
const WIDTHS = [1280, 375] as const;

/** A browser like the visitor's: this width, the system set to this theme (the default choice follows it). */
async function openAs(browser: Browser, theme: (typeof THEMES)[number], width: number, signedIn: boolean): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    colorScheme: theme,
    storageState: signedIn ? world.storage : undefined,
  });
  return context.newPage();
}


/** [what, path, where it lands when that is elsewhere]. */
const signedInPages = (): [string, string, RegExp?][] => [
  ["dashboard home", "/", /\/teams\/[^/]+$/], // redirects to the first team (client-side once the page streams)
  ["team page", `/teams/${world.teamId}`],
  ["members", `/teams/${world.teamId}/members`],
  ["team settings", `/teams/${world.teamId}/settings`],
  ["team audit log", `/teams/${world.teamId}/audit-log`],
  ["project page", `/projects/${world.projectId}`, /\/settings\/identity$/], // redirects to its Identity page
  ["project settings", `/projects/${world.projectId}/settings`],
  ["identity settings", `/projects/${world.projectId}/settings/identity`],
  ["project audit log", `/projects/${world.projectId}/settings/audit-log`],
  ["account", "/account"],
  ["not found", "/no-such-page"],
];

const dialogs = (page: Page) => [
  { page: `/projects/${world.projectId}/settings/identity`, trigger: page.getByRole("button", { name: "Rotate secret…" }), dialog: "Rotate the signing secret?" },
  { page: `/projects/${world.projectId}/settings/identity`, trigger: page.getByRole("button", { name: "Expire now…" }), dialog: "Expire the previous secret now?" },
  { page: `/projects/${world.projectId}/settings`, trigger: page.getByRole("button", { name: "Delete project…" }), dialog: "Delete Axe project?" },
  { page: `/teams/${world.teamId}/settings`, trigger: page.getByRole("button", { name: "Delete team…" }), dialog: /^Delete .+\?$/ },
  { page: `/teams/${world.teamId}/members`, trigger: page.getByRole("button", { name: "Leave team…" }), dialog: /^Leave .+\?$/ },
];

/** The password prompt opens when Reveal finds no recent confirmation (no trigger of its own). */
async function openPasswordPrompt(page: Page): Promise<Locator> {
  await forgetPasswordConfirmation(page);
  await page.goto(`/projects/${world.projectId}/settings/identity`);
  await page.getByRole("button", { name: "Reveal", exact: true }).click();
  await expect(passwordPrompt(page)).toBeVisible();
  return page.getByRole("button", { name: "Reveal", exact: true });
}

for (const theme of THEMES) {
  for (const width of WIDTHS) {
    test(`every page passes axe (${theme}, ${width}px)`, async ({ browser }) => {
      test.setTimeout(180_000);
      const anonymous = await openAs(browser, theme, width, false);
      for (const [what, path] of [["sign-in", "/sign-in"], ["sign-up", "/sign-up"], ["invite page", world.inviteUrl]] as const) {
        await anonymous.goto(path);
        await expectNoViolations(anonymous, what, theme);
      }
      await anonymous.context().close();

      const page = await openAs(browser, theme, width, true);
      for (const [what, path, landsOn] of signedInPages()) {
        await page.goto(path);
        if (landsOn) await page.waitForURL(landsOn);
        await expectNoViolations(page, what, theme);
      }
      // The debugger's report: its header and claims JSON scroll sideways on a phone.
      await page.goto(`/projects/${world.projectId}/settings/identity`);
      await page.getByRole("button", { name: "Generate a test token" }).click();
      await expect(page.getByRole("region", { name: "Claims JSON" })).toBeVisible();
      await expectNoViolations(page, "token debugger report", theme);
      await page.context().close();
    });

    test(`every dialog passes axe (${theme}, ${width}px)`, async ({ browser }) => {
      test.setTimeout(180_000);
      const page = await openAs(browser, theme, width, true);
      for (const { page: path, trigger, dialog } of dialogs(page)) {
        await page.goto(path);
        await trigger.click();
        await expect(page.getByRole("dialog", { name: dialog })).toBeVisible();
        await expectNoViolations(page, `dialog "${dialog}"`, theme);
        await page.keyboard.press("Escape");
        await expect(page.getByRole("dialog")).toBeHidden();
      }
      await openPasswordPrompt(page);
      await expectNoViolations(page, "password prompt", theme);
      await page.context().close();
    });
  }
}

/** Presses Tab until `target` has focus, as a keyboard user gets there (fails if it is never reached). */
async function tabTo(page: Page, target: Locator): Promise<void> {
  await expect(target).toBeVisible();
  for (let presses = 0; presses < 80; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

const expectFocused = (target: Locator) => expect.poll(() => target.evaluate((element) => element === document.activeElement)).toBe(true);

test("every dialog opens with Enter and closes with Escape, and focus returns to what opened it", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await openAs(browser, "light", 1280, true);
  for (const { page: path, trigger, dialog } of dialogs(page)) {
    await page.goto(path);
    await tabTo(page, trigger);
    await page.keyboard.press("Enter");
    const opened = page.getByRole("dialog", { name: dialog });
    await expect(opened).toBeVisible();
    await expect.poll(() => opened.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    await page.keyboard.press("Escape");
    await expect(opened).toBeHidden();
    await expectFocused(trigger);
  }

  // The password prompt: Reveal by keyboard, Escape, and focus is back on Reveal (not on <body>).
  await forgetPasswordConfirmation(page);
  await page.goto(`/projects/${world.projectId}/settings/identity`);
  const reveal = page.getByRole("button", { name: "Reveal", exact: true });
  await tabTo(page, reveal);
  await page.keyboard.press("Enter");
  await expect(passwordPrompt(page)).toBeVisible();
  await expectFocused(passwordPrompt(page).getByLabel("Password"));
  await page.keyboard.press("Escape");
  await expect(passwordPrompt(page)).toBeHidden();
  await expectFocused(reveal);

  // Rotate asks for the password too: Escape on the prompt goes back to the rotate dialog's confirm button.
  await page.getByRole("button", { name: "Rotate secret…" }).focus();
  await page.keyboard.press("Enter");
  const rotate = page.getByRole("dialog", { name: "Rotate the signing secret?" });
  const confirmRotate = rotate.getByRole("button", { name: "Rotate secret", exact: true });
  await tabTo(page, confirmRotate);
  await page.keyboard.press("Enter");
  await expect(passwordPrompt(page)).toBeVisible();
  // Escape goes to the top dialog once the prompt has taken focus (Radix registers its layer as it mounts).
  await expectFocused(passwordPrompt(page).getByLabel("Password"));
  await page.keyboard.press("Escape");
  await expect(passwordPrompt(page)).toBeHidden();
  await expect(rotate).toBeVisible();
  await expectFocused(confirmRotate);
  await page.keyboard.press("Escape");
  await expect(rotate).toBeHidden();
  await expectFocused(page.getByRole("button", { name: "Rotate secret…" }));
  await page.context().close();
});

/** Whether <html> had the dark class when <body> first appeared: before anything could paint. */
async function recordThemeAtFirstPaint(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (!document.body) return;
      (window as unknown as { darkAtBody: boolean }).darkAtBody = document.documentElement.classList.contains("dark");
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}
const darkAtFirstPaint = (page: Page) => page.evaluate(() => (window as unknown as { darkAtBody?: boolean }).darkAtBody);
const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const LIGHT_CANVAS = "rgb(250, 250, 250)";
const DARK_CANVAS = "rgb(9, 9, 11)";

test("the theme choice is remembered across reloads and applied before the first paint", async ({ browser }) => {
  const page = await openAs(browser, "light", 1280, false);
  await recordThemeAtFirstPaint(page);
  await page.goto("/sign-in");
  const theme = page.getByRole("group", { name: "Theme" });
  await expect(theme.getByRole("radio", { name: "System" })).toBeChecked();
  expect(await bodyBackground(page)).toBe(LIGHT_CANVAS);

  await theme.getByText("Dark", { exact: true }).click();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  expect(await bodyBackground(page)).toBe(DARK_CANVAS);

  await page.reload();
  expect(await darkAtFirstPaint(page)).toBe(true);
  await expect(theme.getByRole("radio", { name: "Dark" })).toBeChecked();
  expect(await bodyBackground(page)).toBe(DARK_CANVAS);

  // Signed in, the account page shows the same choice and changes it, by keyboard here.
  await page.context().addCookies(world.storage.cookies);
  await page.goto("/account");
  expect(await darkAtFirstPaint(page)).toBe(true);
  const accountTheme = page.getByRole("group", { name: "Theme" });
  await expect(accountTheme.getByRole("radio", { name: "Dark" })).toBeChecked();
  await accountTheme.getByRole("radio", { name: "Dark" }).focus();
  await page.keyboard.press("ArrowLeft");
  await expect(accountTheme.getByRole("radio", { name: "Light" })).toBeChecked();
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  await page.reload();
  expect(await darkAtFirstPaint(page)).toBe(false);
  expect(await bodyBackground(page)).toBe(LIGHT_CANVAS);
  await page.context().close();
});

test("System follows prefers-color-scheme, also while the page is open; Light and Dark override it", async ({ browser }) => {
  const page = await openAs(browser, "dark", 1280, false);
  await recordThemeAtFirstPaint(page);
  await page.goto("/sign-in");
  expect(await darkAtFirstPaint(page)).toBe(true);
  expect(await bodyBackground(page)).toBe(DARK_CANVAS);

  await page.emulateMedia({ colorScheme: "light" });
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);

  const theme = page.getByRole("group", { name: "Theme" });
  await theme.getByText("Light", { exact: true }).click();
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  await page.reload();
  expect(await darkAtFirstPaint(page)).toBe(false);
  expect(await bodyBackground(page)).toBe(LIGHT_CANVAS);

  await theme.getByText("System", { exact: true }).click();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.emulateMedia({ colorScheme: "light" });
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  await page.context().close();
});

test("the highlighted snippets are painted in the dark theme's colours in dark mode and the light ones in light", async ({ browser }) => {
  const page = await openAs(browser, "dark", 1280, true);
  await page.goto(`/projects/${world.projectId}/settings/identity`);
  // Lines and coloured tokens; plain text takes its line's colour, the block's.
  const tokens = page.locator("pre.shiki span[class]");
  await expect(tokens.first()).toBeVisible();
  // Each span's painted colour against the one the palette names for its class in this theme (hex as rgb()).
  const mismatches = (theme: "light" | "dark") =>
    tokens.evaluateAll((spans, { theme, text, classes }) => {
      const rgb = (hex: string) => `rgb(${[1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)).join(", ")})`;
      const expected = (name: string) => (name === "line" ? text : classes[name])?.[theme];
      return spans.filter((span) => {
        const colour = expected(span.className);
        return !colour || getComputedStyle(span).color !== rgb(colour);
      }).length;
    }, { theme, text: CODE_TEXT, classes: TOKEN_CLASSES });
  expect(await page.locator("pre.shiki span[class^='s']").count()).toBeGreaterThan(100);
  expect(await mismatches("dark")).toBe(0);
  await page.emulateMedia({ colorScheme: "light" });
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  expect(await mismatches("light")).toBe(0);
  await page.context().close();
});
