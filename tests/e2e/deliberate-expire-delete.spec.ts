import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { specClients } from "./addresses";
import { confirmPassword, forgeNextSubmission, forgetPasswordConfirmation, mint, passwordPrompt, SECRET_RE, signUpWithProject, typeToConfirm } from "./helpers";

const clients = specClients("deliberate-expire-delete");
// Everything this spec sends without an address of its own comes from its client 1, not the suite's loopback.
test.use({ extraHTTPHeaders: { "x-forwarded-for": clients.at(1) } });

/** Each call from an address of its own, so no per-IP budget stands in for the verdict. */
const freshAddress = () => clients.next();

async function identify(request: APIRequestContext, projectId: string, token: string) {
  const response = await request.post(`/api/v1/projects/${projectId}/identify`, { data: { token }, headers: { "x-forwarded-for": freshAddress() } });
  return { status: response.status(), body: await response.json() };
}

/**
 * Junk identify traffic until stopped (plain fetch, many connections): under load a key check that
 * read the database before the action committed can still be in flight when the action returns.
 */
function backgroundTraffic(baseURL: string, projectId: string) {
  let running = true;
  const loops = Array.from({ length: 24 }, async () => {
    while (running) {
      const response = await fetch(`${baseURL}/api/v1/projects/${projectId}/identify`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": freshAddress() },
        body: JSON.stringify({ token: "a.b.c" }),
      });
      await response.arrayBuffer();
    }
  });
  return async () => {
    running = false;
    await Promise.all(loops);
  };
}

/** Rotates with the given grace period and returns the new secret, read off the page. */
async function rotate(page: Page, grace: RegExp, before: string): Promise<string> {
  await page.getByRole("button", { name: "Rotate secret…" }).click();
  const dialog = page.getByRole("dialog", { name: "Rotate the signing secret?" });
  await dialog.getByRole("radio", { name: grace }).check();
  await dialog.getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByText("This is your new secret")).toBeVisible();
  await expect(page.getByTestId("identity-secret")).toHaveText(SECRET_RE);
  const secret = (await page.getByTestId("identity-secret").innerText()).trim();
  expect(secret).not.toBe(before);
  return secret;
}

test("Expire now shows the old secret's live usage, wants the project name while it is in use (the server too), and then the page says it expired", async ({ page, baseURL }) => {
  const { projectId, audience, secret: oldSecret } = await signUpWithProject(page, baseURL, "Deliberate", "Checkout app");
  await rotate(page, /In 24 hours/, oldSecret);
  const graceMessage = page.getByText("Tokens signed with the previous secret keep verifying until its grace period ends");
  await expect(graceMessage).toBeVisible();

  // Production still signs with the old secret: three real tokens through the endpoint.
  const oldToken = await mint(oldSecret, audience, "still_on_old");
  for (let i = 0; i < 3; i++) expect((await identify(page.request, projectId, oldToken)).status).toBe(200);
  const previous = page.getByTestId("previous-secret");
  await expect(previous).toContainText(/last used (just now|\d+ seconds? ago) — 3 tokens in the last hour/, { timeout: 15_000 });

  await previous.getByRole("button", { name: "Expire now…" }).click();
  const dialog = page.getByRole("dialog", { name: "Expire the previous secret now?" });
  const usage = dialog.getByTestId("usage-summary");
  await expect(usage).toContainText(/Last verified a token\s*(just now|\d+ seconds? ago)/);
  await expect(usage).toContainText(/In the last (1\d|20) min\s*3 tokens/);
  await expect(usage).toContainText(/In the last hour( and \d+ min)?\s*3 tokens/);
  await expect(dialog.getByTestId("in-use-warning")).toContainText("some of your servers still sign with it");
  const confirm = dialog.getByRole("button", { name: "Expire now" });
  await typeToConfirm(dialog, confirm, "Checkout app", "Checkout ap");

  // The server checks the name itself: a forged submission with the wrong one is refused (after the password prompt).
  await forgetPasswordConfirmation(page);
  await forgeNextSubmission(dialog, "confirmation", "Checkout");
  await confirm.click();
  await confirmPassword(page);
  await expect(dialog.getByRole("alert")).toContainText(`That is not this project's name. The previous secret verified a token`);
  await expect(previous).toContainText(`Previous secret ••••${oldSecret.slice(-4)}`);
  expect((await identify(page.request, projectId, oldToken)).status).toBe(200); // still verifying

  await confirm.click();
  await expect(dialog).toBeHidden();
  // Refused, and told why: the customer's servers still sign with the secret that was just expired.
  expect(await identify(page.request, projectId, oldToken)).toMatchObject({ status: 401, body: { error: { code: "bad_signature", cause: "retired_secret" } } });
  await expect(previous).toBeHidden();
  await expect(page.getByTestId("previous-secret-ended")).toHaveText(
    `The previous secret ••••${oldSecret.slice(-4)} has expired: tokens signed with it are rejected, with a message saying so for the next 30 days. Only the current secret verifies.`,
  );
  await expect(graceMessage).toHaveCount(0);
  await expect(page.getByText(/keep(s)? verifying/)).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("identity-secret")).toBeVisible();
  await expect(previous).toHaveCount(0);
  await expect(page.getByText(/keep(s)? verifying/)).toHaveCount(0);
});

test("Delete project shows the live usage, asks for the password and wants the typed name", async ({ page, baseURL }) => {
  const { projectId, audience, secret } = await signUpWithProject(page, baseURL, "Deleter", "Storefront");
  const token = await mint(secret, audience, "shopper");
  for (let i = 0; i < 2; i++) expect((await identify(page.request, projectId, token)).status).toBe(200);

  await page.getByRole("navigation", { name: "Project settings" }).getByRole("link", { name: "General" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/settings$`));
  const dialog = page.getByRole("dialog", { name: "Delete Storefront?" });
  const usage = dialog.getByTestId("usage-summary");
  // Counts and the last-used time reach the database within a second (separate rows of one batched
  // flush, so one may land a moment before the other); the page reads them when it renders.
  await expect(async () => {
    await page.reload();
    await page.getByRole("button", { name: "Delete project…" }).click({ timeout: 5000 });
    await expect(usage).toContainText(/In the last (1\d|20) min\s*2 tokens/, { timeout: 1000 });
    await expect(usage).toContainText(/Last verified token\s*(just now|\d+ seconds? ago)/, { timeout: 1000 });
  }).toPass();
  await expect(usage).toContainText(/In the last hour( and \d+ min)?\s*2 tokens/);
  await expect(dialog.getByTestId("in-use-warning")).toContainText("Your servers are sending this project tokens right now");

  const confirm = dialog.getByRole("button", { name: "Delete project" });
  await typeToConfirm(dialog, confirm, "Storefront", "Storefron");
  await forgetPasswordConfirmation(page);
  await confirm.click();
  await expect(passwordPrompt(page)).toBeVisible();
  expect((await identify(page.request, projectId, token)).status).toBe(200); // nothing deleted yet
  await confirmPassword(page);
  await expect(page).toHaveURL(/\/teams\//);
  expect(await identify(page.request, projectId, token)).toMatchObject({ status: 404, body: { error: { code: "project_not_found" } } });
});

test("Expire now and an immediate rotation take effect on the very next identify request of the same instance", async ({ page, baseURL }) => {
  const { projectId, audience, secret: firstSecret } = await signUpWithProject(page, baseURL, "Immediate", "Immediate project");
  const firstToken = await mint(firstSecret, audience, "first_user");
  expect((await identify(page.request, projectId, firstToken)).status).toBe(200);

  const secondSecret = await rotate(page, /In 24 hours/, firstSecret);
  const secondToken = await mint(secondSecret, audience, "second_user");
  expect((await identify(page.request, projectId, firstToken)).status).toBe(200);
  expect((await identify(page.request, projectId, secondToken)).status).toBe(200);

  const stopTraffic = backgroundTraffic(baseURL!, projectId);
  try {
    const previous = page.getByTestId("previous-secret");
    await expect(previous).toContainText(/last used (just now|\d+ seconds? ago)/, { timeout: 15_000 }); // in use: the name is asked
    await previous.getByRole("button", { name: "Expire now…" }).click();
    const expire = page.getByRole("dialog", { name: "Expire the previous secret now?" });
    await expire.getByLabel('Type "Immediate project" to confirm').fill("Immediate project");
    await expire.getByRole("button", { name: "Expire now" }).click();
    // The dialog closes once the action's answer arrived: the first request after it, with no waiting.
    await expect(expire).toBeHidden();
    expect(await identify(page.request, projectId, firstToken)).toMatchObject({ status: 401 });
    expect((await identify(page.request, projectId, secondToken)).status).toBe(200);

    await page.getByRole("button", { name: "Rotate secret…" }).click();
    const rotateDialog = page.getByRole("dialog", { name: "Rotate the signing secret?" });
    await rotateDialog.getByRole("radio", { name: /Immediately/ }).check();
    await rotateDialog.getByRole("button", { name: "Rotate secret" }).click();
    await expect(rotateDialog).toBeHidden();
    expect(await identify(page.request, projectId, secondToken)).toMatchObject({ status: 401 });
  } finally {
    await stopTraffic();
  }
});
