import { expect, test } from "@playwright/test";
import { createProject, forgetPasswordConfirmation, PASSWORD, signUp } from "./helpers";

test("create refuses empty and over-long names, keeps the input, and lists the project", async ({ page }) => {
  await signUp(page, "Namer");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText("Enter a project name.")).toBeVisible();
  const long = "x".repeat(65);
  await page.getByLabel("Project name").fill(long);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText("Use at most 64 characters for the project name.")).toBeVisible();
  await expect(page.getByLabel("Project name")).toHaveValue(long);
  const projectId = await createProject(page, "  Spaced   name  ");
  await expect(page.getByRole("navigation", { name: "Projects" }).getByRole("link", { name: "Spaced name" })).toBeVisible();
  expect(projectId).toMatch(/^prj_[0-9A-Za-z]{22}$/);
});

test("rename and delete with typed confirmation", async ({ page }) => {
  await signUp(page, "Renamer");
  const projectId = await createProject(page, "Old name");
  await page.getByRole("link", { name: "General" }).click();
  await page.getByRole("textbox", { name: "Name" }).fill("   ");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByText("Enter a project name.")).toBeVisible();
  await page.getByRole("textbox", { name: "Name" }).fill("New name");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByText("Renamed to New name.")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("New name");

  await page.getByRole("button", { name: "Delete project…" }).click();
  const dialog = page.getByRole("dialog");
  const confirm = dialog.getByRole("button", { name: "Delete project" });
  await dialog.getByLabel('Type "New name" to confirm').fill("New nam");
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type "New name" to confirm').fill("New name");
  await confirm.click();
  await expect(page).toHaveURL(/\/teams\//);
  await expect(page.getByText("No projects yet.")).toBeVisible();
  expect((await page.request.get(`/projects/${projectId}/settings/identity`)).status()).toBe(404);
});

test("Identity page works at 375 px and with the keyboard alone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signUp(page, "Keys");
  await createProject(page, "Small screen");
  await forgetPasswordConfirmation(page); // the prompt's keyboard path is under test too
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // Reach Reveal by Tab, press Enter; then open the rotate dialog and close it with Escape.
  const reveal = page.getByRole("button", { name: "Reveal", exact: true });
  for (let i = 0; i < 60 && !(await reveal.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(reveal).toBeFocused();
  await page.keyboard.press("Enter");
  // The password prompt takes focus; typing and Enter confirm it, and the reveal goes through.
  await expect(page.getByRole("dialog", { name: "Confirm your password" }).getByLabel("Password")).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("identity-secret")).toHaveText(/rqio_sk_[0-9A-Za-z]{44}/);
  const rotate = page.getByRole("button", { name: "Rotate secret…" });
  for (let i = 0; i < 80 && !(await rotate.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(rotate).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(rotate).toBeFocused();
});
