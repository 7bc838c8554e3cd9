import { expect, test, type Page } from "@playwright/test";
import { createProject, forgetPasswordConfirmation, PASSWORD, passwordPrompt, SECRET_RE, signIn, signUp } from "./helpers";

const MASKED_RE = /^rqio_sk_•+[0-9A-Za-z]{4}$/;

/** A wrong password keeps the prompt open with its specific error. */
async function enterWrongPassword(page: Page): Promise<void> {
  await expect(passwordPrompt(page)).toBeVisible();
  await passwordPrompt(page).getByLabel("Password").fill("not-my-password");
  await passwordPrompt(page).getByRole("button", { name: "Confirm" }).click();
  await expect(passwordPrompt(page).getByText("That password is wrong.")).toBeVisible();
}

async function enterRightPassword(page: Page): Promise<void> {
  await passwordPrompt(page).getByLabel("Password").fill(PASSWORD);
  await passwordPrompt(page).getByRole("button", { name: "Confirm" }).click();
  await expect(passwordPrompt(page)).toBeHidden();
}

/** Reveal goes straight to the secret: the prompt would have stopped it until a password was typed. */
async function revealWithoutPrompt(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Reveal", exact: true }).click();
  await expect(page.getByTestId("identity-secret")).toHaveText(SECRET_RE);
  await expect(passwordPrompt(page)).toBeHidden();
}

test("right after sign-up, Reveal shows the secret without asking for the password again", async ({ page, context }) => {
  await signUp(page, "Newcomer");
  await createProject(page, "Fresh from sign-up");
  await revealWithoutPrompt(page);
  const reauth = (await context.cookies()).find((cookie) => cookie.name === "reqio_reauth");
  expect(reauth).toMatchObject({ httpOnly: true, sameSite: "Strict" });
});

test("right after sign-in, Reveal shows the secret without asking for the password again", async ({ page, browser }) => {
  const email = await signUp(page, "Returning");
  const projectId = await createProject(page, "Fresh from sign-in");
  // Another browser: nothing from the sign-up carries over, only the sign-in below.
  const laptop = await browser.newContext();
  try {
    const later = await laptop.newPage();
    await signIn(later, email);
    await expect(later).toHaveURL(/\/teams\//);
    await later.goto(`/projects/${projectId}/settings/identity`);
    await revealWithoutPrompt(later);
  } finally {
    await laptop.close();
  }
});

test("rotate and Expire now ask for the password once it is stale, refuse a wrong one, and go through with the right one", async ({ page }) => {
  await signUp(page, "Stale");
  await createProject(page, "Stale confirmation");
  const secret = page.getByTestId("identity-secret");
  const previous = page.getByTestId("previous-secret");
  await expect(secret).toHaveText(MASKED_RE);
  const before = await secret.innerText();

  await forgetPasswordConfirmation(page);
  await page.getByRole("button", { name: "Rotate secret…" }).click();
  const rotate = page.getByRole("dialog", { name: "Rotate the signing secret?" });
  await rotate.getByRole("radio", { name: /In 24 hours/ }).check();
  await rotate.getByRole("button", { name: "Rotate secret" }).click();
  await enterWrongPassword(page);
  await expect(secret).toHaveText(before); // nothing rotated
  await expect(previous).toHaveCount(0);
  await enterRightPassword(page);
  await expect(page.getByText("This is your new secret")).toBeVisible();
  await expect(secret).toHaveText(SECRET_RE);
  expect((await secret.innerText()).slice(-4)).not.toBe(before.slice(-4));
  await expect(previous).toContainText(`Previous secret ••••${before.slice(-4)}`, { timeout: 15_000 });

  await forgetPasswordConfirmation(page);
  await previous.getByRole("button", { name: "Expire now…" }).click();
  await page.getByRole("dialog", { name: "Expire the previous secret now?" }).getByRole("button", { name: "Expire now" }).click();
  await enterWrongPassword(page);
  await expect(previous).toContainText(`Previous secret ••••${before.slice(-4)}`); // still live
  await enterRightPassword(page);
  await expect(previous).toBeHidden();
});
