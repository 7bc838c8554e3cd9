import { expect, test, type APIRequestContext, type Response } from "@playwright/test";
import { specClients } from "./addresses";
import { confirmPassword, createProject, forgetPasswordConfirmation, mint, passwordPrompt, PASSWORD, revealSecret, SECRET_RE, signUp } from "./helpers";

const clients = specClients("rotation");
// Everything this spec sends without an address of its own comes from its client 1, not the suite's loopback.
test.use({ extraHTTPHeaders: { "x-forwarded-for": clients.at(1) } });

async function identify(request: APIRequestContext, projectId: string, token: string) {
  // A fresh address per call: the per-IP budget (120/min here) must never stand in for the verdict under test.
  const ip = clients.next();
  const response = await request.post(`/api/v1/projects/${projectId}/identify`, { data: { token }, headers: { "x-forwarded-for": ip } });
  return { status: response.status(), body: await response.json() };
}

test("reveal asks for the password once sign-up no longer counts, refuses a wrong one, and the secret masks itself after 60 s", async ({ page }) => {
  await page.clock.install();
  await signUp(page, "Reauth");
  await createProject(page, "Reauth project");
  await forgetPasswordConfirmation(page);
  await page.getByRole("button", { name: "Reveal", exact: true }).click();
  await expect(passwordPrompt(page)).toBeVisible();
  await passwordPrompt(page).getByLabel("Password").fill("not-my-password");
  await passwordPrompt(page).getByRole("button", { name: "Confirm" }).click();
  await expect(passwordPrompt(page).getByText("That password is wrong.")).toBeVisible();
  await expect(page.getByTestId("identity-secret")).not.toHaveText(SECRET_RE);
  const actionResponses: Response[] = [];
  page.on("response", (response) => {
    if (response.request().method() === "POST" && response.request().headers()["next-action"]) actionResponses.push(response);
  });
  await confirmPassword(page, PASSWORD);
  await expect(page.getByTestId("identity-secret")).toHaveText(SECRET_RE); // the reveal ran once the password was confirmed
  // Every server-action response, the reveal that carried the secret among them, must not be stored by any cache.
  expect(actionResponses.length).toBeGreaterThanOrEqual(2);
  for (const response of actionResponses) expect(response.headers()["cache-control"], JSON.stringify(response.headers())).toContain("no-store");

  await page.clock.fastForward(59_000);
  await expect(page.getByTestId("identity-secret")).toHaveText(SECRET_RE);
  await page.clock.fastForward(2_000);
  await expect(page.getByTestId("identity-secret")).toHaveText(/^rqio_sk_•+[0-9A-Za-z]{4}$/);
});

test("during a 24 h grace period both secrets verify; Expire now cuts the old one off on the very next request; all of it is audited", async ({ page, baseURL }) => {
  const email = await signUp(page, "Graceful");
  const projectId = await createProject(page, "Graceful project");
  const audience = `${baseURL}/p/${projectId}`;
  await forgetPasswordConfirmation(page); // so the prompt's reauth.confirmed is in the audit log below
  const oldSecret = await revealSecret(page);
  const oldToken = await mint(oldSecret, audience, "old_user");
  expect((await identify(page.request, projectId, oldToken)).status).toBe(200);

  // Grace choices are fixed server-side: a forged value is refused with a clear message.
  await page.getByRole("button", { name: "Rotate secret…" }).click();
  const dialog = page.getByRole("dialog", { name: "Rotate the signing secret?" });
  // Forged in the submitted form data itself: editing the radio's value could be undone by a re-render
  // (the page refreshes its status every few seconds) before the click.
  await dialog.getByRole("radio", { name: /In 7 days/ }).check();
  await dialog.locator("form").evaluate((form: HTMLFormElement) => {
    form.addEventListener("formdata", (event) => event.formData.set("grace", "48h"), { once: true });
  });
  await dialog.getByRole("button", { name: "Rotate secret" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Choose when the current secret stops working");
  await dialog.getByRole("radio", { name: /In 24 hours/ }).check();
  await dialog.getByRole("button", { name: "Rotate secret" }).click();
  await expect(dialog).toBeHidden();
  // The new secret shows once the refreshed page data arrives (the panel is masked for a moment before).
  await expect(page.getByText("This is your new secret")).toBeVisible();
  await expect(page.getByTestId("identity-secret")).toHaveText(SECRET_RE);
  const newSecret = (await page.getByTestId("identity-secret").innerText()).trim();
  expect(newSecret).not.toBe(oldSecret);

  const newToken = await mint(newSecret, audience, "new_user");
  expect((await identify(page.request, projectId, oldToken)).status).toBe(200);
  expect((await identify(page.request, projectId, newToken)).status).toBe(200);
  const previous = page.getByTestId("previous-secret");
  await expect(previous).toContainText(`Previous secret ••••${oldSecret.slice(-4)} — stops working in 23 h`, { timeout: 15_000 });
  await expect(previous).toContainText(/token(s)? in the last hour/);

  // The rotate dialog warns that rotating again would end the previous secret at once.
  await page.getByRole("button", { name: "Rotate secret…" }).click();
  await expect(dialog.getByRole("note")).toContainText("Rotating again ends it immediately");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // The old secret verified a token moments ago: expiring it wants the project's name typed.
  await expect(previous).toContainText(/last used (just now|\d+ seconds? ago)/, { timeout: 15_000 });
  await previous.getByRole("button", { name: "Expire now…" }).click();
  const expire = page.getByRole("dialog", { name: "Expire the previous secret now?" });
  await expire.getByLabel('Type "Graceful project" to confirm').fill("Graceful project");
  await expire.getByRole("button", { name: "Expire now" }).click();
  await expect(previous).toBeHidden();
  expect(await identify(page.request, projectId, oldToken)).toMatchObject({ status: 401, body: { error: { code: "bad_signature" } } });
  expect((await identify(page.request, projectId, newToken)).status).toBe(200);

  // The audit log lists each step, and the CSV export has them, without any secret or token.
  await page.getByRole("navigation", { name: "Project settings" }).getByRole("link", { name: "Audit log" }).click();
  const table = page.getByRole("table", { name: "Audit events" });
  for (const label of ["Project created", "Password confirmed", "Signing secret revealed", "Signing secret rotated", "Previous signing secret expired"]) {
    await expect(table).toContainText(label);
  }
  await expect(table).toContainText("grace: 24h");
  await page.getByLabel("Action", { exact: true }).selectOption({ label: "Signing secret rotated" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=secret.rotated/);
  await expect(table.locator("tbody tr")).toHaveCount(1);

  const exportHref = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  const csv = await (await page.request.get(exportHref!)).text();
  expect(csv.split("\r\n")[0]).toBe("time,action,actor,ip,user_agent,project_id,details,action_label");
  expect(csv).toContain(`secret.rotated,${email}`);
  const fullCsv = await (await page.request.get(`/api/v1/audit-log/export?teamId=${new URL(exportHref!, baseURL).searchParams.get("teamId")}&projectId=${projectId}`)).text();
  for (const action of ["reauth.confirmed", "secret.revealed", "secret.rotated", "secret.previous_expired"]) expect(fullCsv).toContain(action);
  for (const leaked of [oldSecret, newSecret, oldToken, newToken]) expect(fullCsv).not.toContain(leaked);
  expect(fullCsv).not.toMatch(SECRET_RE);
});
