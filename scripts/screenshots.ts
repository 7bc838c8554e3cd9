// Regenerates the README's screenshots of the Identity page, light and dark, on a fresh e2e server
// (scripts/e2e-server.sh: its own port, database and key), with a few identified users and a rotation so
// every panel has something to show. Needs a production build in NEXT_DIST_DIR (default .next):
//   npm run build && node --import tsx scripts/screenshots.ts   (NEXT_DIST_DIR and E2E_PORT as for the e2e suite)
import { spawn } from "node:child_process";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { SignJWT } from "jose";

const port = Number(process.env.E2E_PORT ?? 3190);
const baseUrl = `http://localhost:${port}`;
const outDir = path.resolve("public/screenshots");
const USERS = [
  { sub: "usr_1042", email: "ada@lovelace.dev", traits: { plan: "pro", amount: 2900, interval: "month" } },
  { sub: "usr_2001", email: "grace@hopper.io", traits: { plan: "team", amount: 99000, interval: "year" } },
  { sub: "usr_3117", email: "linus@example.com", traits: { plan: "starter", amount: 900, interval: "month" } },
];

async function waitForServer(): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    const up = await fetch(`${baseUrl}/sign-in`).then((response) => response.ok, () => false);
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The server on ${baseUrl} did not come up in 2 minutes`);
}

/** Sends tokens the way a customer's site does, so Integration status has accepted and rejected ones. */
async function identifyUsers(projectId: string, secret: string): Promise<void> {
  const key = new TextEncoder().encode(secret);
  const now = Math.floor(Date.now() / 1000);
  const mint = (claims: Record<string, unknown>, audience: string) =>
    new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setAudience(audience).setIssuedAt(now).setExpirationTime(now + 300).sign(key);
  const audience = `${baseUrl}/p/${projectId}`;
  const tokens = [...(await Promise.all(USERS.map((user) => mint(user, audience)))), await mint(USERS[0]!, `${baseUrl}/p/prj_someOtherProject000000`)];
  for (const token of tokens) {
    await fetch(`${baseUrl}/api/v1/projects/${projectId}/identify`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token }) });
  }
}

async function prepareDemo(page: Page): Promise<string> {
  await page.goto(`${baseUrl}/sign-up`);
  await page.getByLabel("Your name").fill("Demo");
  await page.getByLabel("Work email").fill("demo@reqio.dev");
  await page.getByLabel("Password").fill("calm-harbor-2026");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/teams\//);
  // Reloaded, so React has hydrated the form before it is used (a native post would just reload the page).
  await page.reload({ waitUntil: "networkidle" });
  await page.getByLabel("Project name").fill("Demo project");
  await page.getByRole("button", { name: "Create project" }).click();
  await page.waitForURL(/\/settings\/identity$/);
  const projectId = (await page.getByTestId("project-id").innerText()).trim();

  await page.getByRole("button", { name: "Reveal", exact: true }).click();
  const secret = (await page.getByTestId("identity-secret").filter({ hasText: /^rqio_sk_[0-9A-Za-z]{44}$/ }).innerText()).trim();
  await identifyUsers(projectId, secret);
  await page.getByRole("button", { name: "Rotate secret…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Rotate secret", exact: true }).click();
  await page.getByTestId("previous-secret").waitFor();
  return projectId;
}

async function main(): Promise<void> {
  const server = spawn("bash", ["scripts/e2e-server.sh"], {
    env: { ...process.env, E2E_PORT: String(port), E2E_DIR: path.resolve(`tests/.tmp/screenshots-${port}`) },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    await waitForServer();
    const context = await browser.newContext({ viewport: { width: 1280, height: 1450 } });
    const page = await context.newPage();
    const projectId = await prepareDemo(page);
    for (const theme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: theme });
      // A fresh load masks the secret again (it is never rendered by the server) and shows the counts.
      await page.goto(`${baseUrl}/projects/${projectId}/settings/identity`, { waitUntil: "networkidle" });
      await page.getByTestId("accepted-count").filter({ hasText: String(USERS.length) }).waitFor();
      const file = path.join(outDir, `identity-${theme}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  }
}

await main();
