import { expect, test } from "@playwright/test";
import { copyStackFile, createProject, databaseBytes, e2eDatabaseUrl, revealSecret, SECRET_RE, signUp } from "./helpers";
import { openRawSql } from "../helpers/raw-sql";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("sign up → create project → Identity: hidden until Reveal, Copy, Rotate, snippets pre-filled", async ({ page, baseURL }) => {
  const email = await signUp(page, "Ada");
  const projectId = await createProject(page, "Acme web app");

  // Breadcrumbs say where we are.
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("Acme web app>Settings>Identity");

  // Neither the HTML nor the RSC payload holds the secret before Reveal.
  const html = await (await page.request.get(page.url())).text();
  const rsc = await (await page.request.get(page.url(), { headers: { RSC: "1" } })).text();
  expect(html).toContain(projectId);
  expect(html).not.toMatch(SECRET_RE);
  expect(rsc).not.toMatch(SECRET_RE);
  await expect(page.getByTestId("identity-secret")).toHaveText(/^rqio_sk_•+[0-9A-Za-z]{4}$/);
  expect(await page.content()).not.toMatch(SECRET_RE);

  const secret = await revealSecret(page);
  await expect(page.getByTestId("identity-secret")).toHaveText(new RegExp(`${secret.slice(-4)}$`));

  await page.getByRole("button", { name: "Copy secret" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  // The .env line, under every stack, shows the revealed secret while it is revealed.
  expect(await copyStackFile(page, "Widget (HTML)", ".env")).toBe(`REQIO_SECRET=${secret}\n`);
  expect(await copyStackFile(page, "Python", ".env")).toBe(`REQIO_SECRET=${secret}\n`);

  await page.getByRole("button", { name: "Rotate secret…" }).click();
  const dialog = page.getByRole("dialog", { name: "Rotate the signing secret?" });
  await expect(dialog.getByRole("radio", { name: /In 24 hours/ })).toBeChecked();
  await dialog.getByRole("radio", { name: /Immediately/ }).check();
  await dialog.getByRole("button", { name: "Rotate secret" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("This is your new secret")).toBeVisible();
  const rotated = (await page.getByTestId("identity-secret").innerText()).trim();
  expect(rotated).toMatch(SECRET_RE);
  expect(rotated).not.toBe(secret);
  await expect(page.getByTestId("secret-history")).toContainText(`Rotated by ${email}, just now`);

  // Hide masks it again; a reload shows it masked too (shown once, right after rotating).
  await page.getByRole("button", { name: "Hide" }).click();
  await expect(page.getByTestId("identity-secret")).toHaveText(new RegExp(`^rqio_sk_•+${rotated.slice(-4)}$`));
  await page.reload();
  await expect(page.getByTestId("identity-secret")).not.toHaveText(SECRET_RE);

  const audience = `${baseURL}/p/${projectId}`;
  await expect(page.getByTestId("audience")).toHaveText(audience);
  for (const [stack, path] of [["Next.js (App Router)", "lib/reqio.ts"], ["Node.js (CommonJS)", "reqio-token.cjs"]] as const) {
    const code = await copyStackFile(page, stack, path);
    expect(code).toContain(`const REQIO_AUDIENCE = "${audience}";`);
    expect(code).toContain(`.setProtectedHeader({ alg: "HS256" })`);
    expect(code).toContain("process.env.REQIO_SECRET");
  }
  const widget = await copyStackFile(page, "Widget (HTML)", "index.html");
  expect(widget).toContain(`data-project-id="${projectId}"`);
  expect(widget).toContain(`src="${baseURL}/widget.js"`);
  expect(await copyStackFile(page, "Widget (HTML)", "reqio-identify.js")).toContain("return window.Reqio.identify(token);");

  // At rest the database holds ciphertext only: neither secret appears in its bytes.
  const bytes = databaseBytes();
  expect(bytes.length).toBeGreaterThan(0);
  expect(bytes.includes(Buffer.from(secret))).toBe(false);
  expect(bytes.includes(Buffer.from(rotated))).toBe(false);
  expect(bytes.includes(Buffer.from(projectId))).toBe(true);
});

test("a double-submitted rotate replaces the secret once and says the second was stale", async ({ page }) => {
  await signUp(page, "Grace");
  const projectId = await createProject(page, "Double submit");
  await revealSecret(page); // answers the prompt if sign-up no longer counts, so the rotate below isn't interrupted
  await page.getByRole("button", { name: "Rotate secret…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("radio", { name: /Immediately/ }).check();
  // Two submissions of the same confirmed form, as a double click or a replay would send.
  await dialog.locator("form").evaluate((form: HTMLFormElement) => {
    form.requestSubmit();
    form.requestSubmit();
  });
  await expect(page.getByText("This is your new secret")).toBeVisible();
  await expect(page.locator("main").getByRole("alert")).toContainText("already rotated");
  const db = openRawSql(e2eDatabaseUrl(), { readonly: true });
  try {
    const secrets = await db.all<{ ciphertext: string | null }>(`SELECT "ciphertext" FROM "IdentitySecret" WHERE "projectId" = ? AND "environment" = 'production'`, projectId);
    expect(secrets).toHaveLength(2);
    expect(secrets.filter((row) => row.ciphertext !== null)).toHaveLength(1);
    const rotations = await db.all(`SELECT 1 FROM "AuditEvent" WHERE "projectId" = ? AND "action" = 'secret.rotated'`, projectId);
    expect(rotations).toHaveLength(1);
  } finally {
    await db.close();
  }
  await page.reload();
  expect(await revealSecret(page)).toMatch(SECRET_RE);
});
