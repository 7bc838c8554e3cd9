import { expect, test } from "@playwright/test";
import { createProject, signUp } from "./helpers";

// The Identity page ships only the chosen stack's files; the picker loads another when picked and the
// browser remembers the choice, so the next visit's server render shows that stack straight away.
test("the stack picker loads a picked stack, remembers it for the next visit, and says when loading fails", async ({ page }) => {
  await signUp(page, "Picker");
  const projectId = await createProject(page, "Picker app");
  const identityUrl = page.url();

  const firstHtml = await (await page.request.get(identityUrl)).text();
  expect(firstHtml).toContain("lib/reqio.ts"); // Next.js, the first stack
  expect(firstHtml).not.toContain("reqio_token.py"); // other stacks aren't in the page

  const picker = page.getByLabel("Your stack");
  const loaded = page.waitForResponse((response) => response.url().endsWith(`/api/v1/projects/${projectId}/snippets/python`) && response.ok());
  await picker.selectOption({ label: "Python" });
  await loaded;
  const python = page.getByRole("region", { name: "Python files", exact: true });
  await expect(python.getByTestId("snippet-python-token")).toContainText("import jwt");
  await expect(python.getByTestId("snippet-env")).toBeVisible();

  // Next visit: the server renders Python (no request for it), and the picker says so.
  let asked = false;
  page.on("request", (request) => { if (request.url().includes("/snippets/")) asked = true; });
  await page.reload();
  await expect(picker).toHaveValue("python");
  await expect(page.getByTestId("snippet-python-token")).toContainText("import jwt");
  expect(asked).toBe(false);
  expect(await (await page.request.get(identityUrl)).text()).toContain("reqio_token.py");

  // The network fails: the page says which files and why, and "Try again" loads them once it's back.
  await page.route("**/snippets/ruby", (route) => route.abort("internetdisconnected"));
  await picker.selectOption({ label: "Ruby" });
  const ruby = page.getByRole("region", { name: "Ruby files", exact: true });
  await expect(ruby.getByRole("alert")).toHaveText(/Couldn.t load the Ruby files: The server could not be reached\./);
  await page.unroute("**/snippets/ruby");
  await ruby.getByRole("button", { name: "Try again" }).click();
  await expect(ruby.getByRole("alert")).toBeHidden();
  await expect(ruby.locator("[data-testid^=snippet-ruby-]").first()).toBeVisible();
});
