import { expect, test } from "@playwright/test";
import { specClients } from "./addresses";
import { PASSWORD, signIn, signUp, uniqueEmail } from "./helpers";
import { openRedirectPayloads } from "../fixtures/open-redirect-payloads";

const clients = specClients("auth");
// Everything this spec sends without an address of its own comes from its client 1, not the suite's loopback.
test.use({ extraHTTPHeaders: { "x-forwarded-for": clients.at(1) } });

test("anonymous visitors are sent to sign-in from every dashboard route", async ({ page }) => {
  for (const path of ["/", "/teams/anything", "/projects/prj_0000000000000000000000/settings/identity"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/sign-in/);
  }
});

test("sign-up explains a taken email and a weak password and keeps what was typed", async ({ page, browser }) => {
  const email = await signUp(page, "Taken");
  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto("/sign-up");
  await fresh.getByLabel("Your name").fill("Second");
  await fresh.getByLabel("Work email").fill(email);
  await fresh.getByLabel("Password").fill("short");
  await fresh.getByRole("button", { name: "Create account" }).click();
  await expect(fresh.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(fresh.getByLabel("Your name")).toHaveValue("Second");
  await fresh.getByLabel("Password").fill("password123");
  await fresh.getByRole("button", { name: "Create account" }).click();
  await expect(fresh.getByText("most common passwords")).toBeVisible();
  await fresh.getByLabel("Password").fill(PASSWORD);
  await fresh.getByRole("button", { name: "Create account" }).click();
  await expect(fresh.getByText("An account with this email already exists. Sign in instead.")).toBeVisible();
  await expect(fresh.getByLabel("Work email")).toHaveValue(email);
});

test("session cookie is httpOnly and SameSite; wrong password is refused; sign-out ends the session", async ({ page, context }) => {
  const email = await signUp(page, "Cookie");
  const session = (await context.cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, email, "not-the-password");
  await expect(page.locator("main").getByRole("alert")).toHaveText("Wrong email or password.");
  await signIn(page, email);
  await expect(page).toHaveURL(/\/teams\//);
});

test("sign-in is rate-limited per email", async ({ page }) => {
  const email = await signUp(page, "Limited");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  for (let attempt = 0; attempt < 10; attempt++) {
    await signIn(page, email, `wrong-password-${attempt}`);
    await expect(page.locator("main").getByRole("alert")).toHaveText("Wrong email or password.");
  }
  // Even the right password is refused until the window passes.
  await signIn(page, email);
  await expect(page.locator("main").getByRole("alert")).toContainText("Too many sign-in attempts. Try again in");
  // Another account from the same browser is unaffected by this email's limit.
  await signIn(page, uniqueEmail("nobody"), "whatever-password");
  await expect(page.locator("main").getByRole("alert")).toHaveText("Wrong email or password.");
});

test("without JavaScript, submitting the sign-in or sign-up form never puts the password in the URL", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const [path, passwordLabel, button] of [["/sign-in", "Password", "Sign in"], ["/sign-up", "Password", "Create account"]] as const) {
    await page.goto(path);
    await page.getByLabel("Email", { exact: false }).first().fill("nojs@example.com");
    await page.getByLabel(passwordLabel).fill("super-secret-password-1");
    await page.getByRole("button", { name: button }).click();
    await page.waitForLoadState();
    expect(page.url()).not.toContain("super-secret-password-1");
    expect(page.url()).not.toContain("password=");
  }
  await context.close();
});

test("a crafted callbackUrl never leaves the app: every open-redirect payload lands on the dashboard, none is a 5xx", async ({ page, baseURL }) => {
  test.skip(!!process.env.REQIO_TEST_POSTGRES_URL, "where a callbackUrl leads doesn't depend on the database: this runs in the suite's SQLite pass, keeping CI within its time budget");
  test.setTimeout(120_000); // 45 payloads, each a full page load of the dashboard: 53 s alone on a loaded machine
  const origin = new URL(baseURL!).origin;
  const serverErrors: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 500) serverErrors.push(`${response.status()} ${response.url()}`);
  });
  const dashboard = (url: string) => new URL(url).origin === origin && /^\/teams\/[^/]+$/.test(new URL(url).pathname);

  // Signed in, the sign-in page sends a visitor straight on to callbackUrl: the shape a phishing link takes.
  const email = await signUp(page, "Redirect");
  for (const payload of openRedirectPayloads(origin)) {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(payload)}`);
    expect(dashboard(page.url()), `${JSON.stringify(payload)} landed on ${page.url()}`).toBe(true);
  }

  // Signing in through the form follows the same rule (the client router pushes what the page allowed).
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const signInHere = async () => {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
  };
  for (const payload of ["/\\evil.example", "/.//evil.example", `${origin}@evil.example`]) {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(payload)}`);
    await signInHere();
    await expect(page).toHaveURL(/\/teams\/[^/]+$/);
    expect(new URL(page.url()).origin).toBe(origin);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
  }
  // An invite link's own callbackUrl still works.
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/account")}`);
  await signInHere();
  await expect(page).toHaveURL(/\/account$/);
  expect(serverErrors).toEqual([]);
});

test("Forgot your password? on a server without email says plainly that no link can be sent; a spent or mistyped link says why", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await expect(page.getByTestId("no-outgoing-mail")).toHaveText(/can't send email, so it can't send reset links/);
  await expect(page.getByLabel("Email")).toHaveCount(0);

  await page.goto(`/reset-password/${"A".repeat(43)}`);
  await expect(page.locator("main").getByRole("alert")).toContainText("This link can't reset a password: it was already used, it expired");
  await expect(page.getByLabel("New password")).toHaveCount(0);
  await page.getByRole("link", { name: "Ask for a new link" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
});
