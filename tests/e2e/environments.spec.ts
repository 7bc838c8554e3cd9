// Production and Development on Settings > Identity: switch by URL, reveal each secret, run the Node.js
// snippet as pasted with the development secret, and see its user under Development only.
import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { specClients } from "./addresses";
import { copyStackFile, createProject, DEV_SECRET_RE, E2E_DIR, revealSecret, SECRET_RE, signUp } from "./helpers";

const clients = specClients("environments");
test.use({ permissions: ["clipboard-read", "clipboard-write"], extraHTTPHeaders: { "x-forwarded-for": clients.at(1) } });

test("switch to Development, reveal each environment's secret, and a token from the Node snippet shows its user under Development only", async ({ page }) => {
  await signUp(page, "Environments");
  const projectId = await createProject(page, "Two environments");
  const environment = page.getByRole("navigation", { name: "Environment" });
  await expect(environment.getByRole("link", { name: "Production" })).toHaveAttribute("aria-current", "page");
  const production = await revealSecret(page);
  expect(production).toMatch(SECRET_RE);

  await environment.getByRole("link", { name: "Development" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/settings/identity\\?env=development$`));
  await expect(environment.getByRole("link", { name: "Development" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("environment-note")).toContainText("rqio_sk_dev_");
  // Masked with its own prefix until revealed; revealing it shows the development secret, not production's.
  await expect(page.getByTestId("identity-secret")).toHaveText(/^rqio_sk_dev_•+/);
  const development = await revealSecret(page, DEV_SECRET_RE);
  expect(development).toMatch(DEV_SECRET_RE);
  expect(development).not.toBe(production);
  expect(await copyStackFile(page, "Node.js (CommonJS)", ".env.local")).toContain(`REQIO_SECRET=${development}`);

  // The Node.js (CommonJS) file as copied, run with the development secret from .env.local.
  const dir = path.join(E2E_DIR, "environments-node");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "reqio-token.cjs"), await copyStackFile(page, "Node.js (CommonJS)", "reqio-token.cjs"));
  const token = execFileSync("node", ["reqio-token.cjs"], { cwd: dir, env: { ...process.env, REQIO_SECRET: development }, encoding: "utf8" }).trim();
  const answer = await page.request.post(`/api/v1/projects/${projectId}/identify`, { data: { token } });
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toMatchObject({ ok: true, environment: "development", user: { id: "user_123" } });

  // The open Development tab shows the user; Production never does.
  await expect(page.getByTestId("live-status")).toContainText("user_123", { timeout: 15_000 });
  await environment.getByRole("link", { name: "Production" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/settings/identity$`));
  await expect(page.getByTestId("live-status")).toBeVisible();
  await expect(page.getByTestId("live-status")).not.toContainText("user_123");
  await page.reload();
  await expect(page.getByTestId("live-status")).not.toContainText("user_123");
});
