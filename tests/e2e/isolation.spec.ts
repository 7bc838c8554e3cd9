import { expect, test, type Page } from "@playwright/test";
import { createProject, revealSecret, SECRET_RE, signUp } from "./helpers";

/** Points the visible form at another project, as a hand-crafted call of the action would. */
async function retargetForms(page: Page, projectId: string) {
  await page.locator('input[name="projectId"]').evaluateAll((inputs, id) => {
    for (const input of inputs as HTMLInputElement[]) input.value = id;
  }, projectId);
}

test("another team's project is a 404 and its reveal/rotate actions refuse a direct call", async ({ browser }) => {
  const ownerPage = await (await browser.newContext()).newPage();
  await signUp(ownerPage, "Owner");
  const victimId = await createProject(ownerPage, "Victim project");
  const victimSecret = await revealSecret(ownerPage);

  const intruder = await (await browser.newContext()).newPage();
  await signUp(intruder, "Intruder");

  // Same answer as a project that never existed: no hint that it exists in another team.
  const foreign = await intruder.request.get(`/projects/${victimId}/settings/identity`);
  const unknown = await intruder.request.get(`/projects/prj_0000000000000000000000/settings/identity`);
  const malformed = await intruder.request.get(`/projects/not-a-project/settings/identity`);
  expect([foreign.status(), unknown.status(), malformed.status()]).toEqual([404, 404, 404]);
  expect(await foreign.text()).not.toContain("Victim project");
  await intruder.goto(`/projects/${victimId}/settings`);
  await expect(intruder.getByRole("heading", { name: "Not found" })).toBeVisible();

  // From the intruder's own Identity page, send the reveal and rotate actions the victim's project ID.
  await intruder.goto("/");
  await createProject(intruder, "Own project");
  await retargetForms(intruder, victimId);
  await intruder.getByRole("button", { name: "Reveal", exact: true }).click();
  await expect(intruder.locator("main").getByRole("alert")).toHaveText("Project not found.");
  await expect(intruder.getByTestId("identity-secret")).not.toHaveText(SECRET_RE);

  await intruder.getByRole("button", { name: "Rotate secret…" }).click();
  await retargetForms(intruder, victimId);
  await intruder.getByRole("dialog").getByRole("button", { name: "Rotate secret" }).click();
  await expect(intruder.getByRole("dialog").getByRole("alert")).toHaveText("Project not found.");

  // The victim's secret is untouched.
  await ownerPage.reload();
  expect(await revealSecret(ownerPage)).toBe(victimSecret);
});
