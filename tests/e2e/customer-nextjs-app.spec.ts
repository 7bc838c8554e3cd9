// A customer's real Next.js App Router app, built from the Next.js stack's files as copied from the
// Identity page, identifies its users against this dashboard: server-rendered (token on the tag), after
// a client-side sign-in (window.Reqio.identify with /api/reqio-token), and with that route on Edge.
import { expect, test, type Page, type Response } from "@playwright/test";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { assembleCustomerApp, EDGE_COOKIE } from "../fixtures/customer-app/assemble";
import { specPort } from "./addresses";
import { copyStackFile, createProject, revealSecret, signUp } from "./helpers";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });
test.skip(!!process.env.REQIO_TEST_POSTGRES_URL, "the snippets run the same whatever database the dashboard uses: this runs in the suite's SQLite pass, keeping CI within its time budget");

const STACK = "Next.js (App Router)";
const FILES = ["lib/reqio.ts", "app/api/reqio-token/route.ts", "components/reqio-widget.tsx", "components/reqio-identify.ts"];
const CUSTOMER_PORT = specPort("customer-nextjs-app");
const customerUrl = `http://localhost:${CUSTOMER_PORT}`;
// Outside the repo, as a customer's app is; only node_modules is linked (nothing is downloaded).
const appDir = path.join(os.tmpdir(), `reqio-customer-nextjs-${CUSTOMER_PORT}`);

function customerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extra };
  for (const name of ["NEXT_DIST_DIR", "NODE_OPTIONS", "NODE_ENV", "PORT", "APP_URL", "DATABASE_URL"]) delete env[name];
  return env;
}

async function startCustomerApp(secret: string): Promise<ChildProcess> {
  // A trailing newline, as `.env` files often have: the snippet trims it.
  const child = spawn(path.join(appDir, "node_modules/.bin/next"), ["start", "-p", String(CUSTOMER_PORT)], {
    cwd: appDir,
    env: customerEnv({ REQIO_SECRET: `${secret}\n` }),
    detached: true, // its own process group, so stopping it stops next's workers too
    stdio: ["ignore", "inherit", "inherit"],
  });
  await expect
    .poll(() => fetch(`${customerUrl}/api/reqio-token`).then((r) => r.status, () => 0), { timeout: 60_000 })
    .toBe(401);
  return child;
}

const identifyResponse = (page: Page, projectId: string) =>
  page.waitForResponse((r: Response) => r.url().endsWith(`/api/v1/projects/${projectId}/identify`) && r.request().method() === "POST");

const resultOnPage = async (page: Page, userId: string) => {
  const output = page.getByTestId("identify-result");
  await expect(output).toContainText(userId, { timeout: 15_000 });
  return JSON.parse(await output.innerText());
};

test("a customer's Next.js app built from the pasted files identifies its users, on the Node.js and Edge runtimes", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

  await signUp(page, "Nextcustomer");
  const projectId = await createProject(page, "Customer Next.js app");
  const secret = await revealSecret(page);
  const pasted: Record<string, string> = {};
  for (const file of FILES) pasted[file] = await copyStackFile(page, STACK, file);
  expect(pasted["lib/reqio.ts"]).toContain(projectId);

  assembleCustomerApp(appDir, pasted, path.resolve("node_modules"));
  const build = spawnSync(path.join(appDir, "node_modules/.bin/next"), ["build"], { cwd: appDir, env: customerEnv(), encoding: "utf8", timeout: 240_000 });
  expect(build.status, build.stdout + build.stderr).toBe(0);
  console.log(`customer app: next build done after ${elapsed()}`);
  // The second copy of the route, with the snippet's `runtime = "edge"` line uncommented, was built for Edge.
  const edgeFunctions = JSON.parse(fs.readFileSync(path.join(appDir, ".next/server/middleware-manifest.json"), "utf8")).functions;
  expect(Object.keys(edgeFunctions)).toContain("/api/reqio-token-edge/route");

  const server = await startCustomerApp(secret);
  try {
    const customer = await (await browser.newContext()).newPage();
    const failures: string[] = [];
    customer.on("console", (m) => m.text().includes("identify failed") && failures.push(m.text()));

    // Signed out: no token, from either runtime's route, and nothing cached.
    for (const cookie of ["", `${EDGE_COOKIE}=edge`]) {
      const signedOut = await fetch(`${customerUrl}/api/reqio-token`, { headers: { cookie } });
      expect(signedOut.status).toBe(401);
      expect(signedOut.headers.get("cache-control")).toBe("no-store");
      expect(await signedOut.json()).toEqual({ error: "Not signed in" });
    }
    await customer.goto(customerUrl);
    await expect(customer.getByTestId("server-user")).toHaveText("Signed out");

    // Client-side sign-in (Node.js route): the SPA path fetches /api/reqio-token and calls window.Reqio.identify.
    await customer.getByRole("button", { name: "Sign in as Ada" }).click();
    expect(await resultOnPage(customer, "user_ada")).toMatchObject({ ok: true, user: { id: "user_ada", email: "ada@example.com", mrrCents: 2900 } });

    // Server-rendered with the session: the token is on the tag and the widget identifies by itself.
    const inline = identifyResponse(customer, projectId);
    await customer.reload();
    await expect(customer.getByTestId("server-user")).toHaveText("Signed in as user_ada");
    const answer = await inline;
    expect(answer.status()).toBe(200);
    expect(await answer.json()).toMatchObject({ ok: true, user: { id: "user_ada", mrrCents: 2900 } });

    // The same client-side sign-in with /api/reqio-token served by the Edge route: no email, yearly plan.
    await customer.context().addCookies([{ name: EDGE_COOKIE, value: "edge", url: customerUrl }]);
    await customer.getByRole("button", { name: "Sign in without email" }).click();
    const fromEdge = await resultOnPage(customer, "user_noemail");
    expect(fromEdge).toMatchObject({ ok: true, user: { id: "user_noemail", email: null, interval: "year", mrrCents: 2492 } });
    expect(failures).toEqual([]);

    // The dashboard's Identity page shows both users under Integration status, without a reload.
    const status = page.getByTestId("integration-status");
    const users = status.getByRole("table", { name: "Recently identified users" });
    await expect(users).toContainText("user_ada", { timeout: 15_000 });
    await expect(users).toContainText("user_noemail");
    await expect(status).toContainText("$29.00/mo");
    console.log(`customer app spec: ${elapsed()} in all`);
  } finally {
    process.kill(-server.pid!, "SIGTERM");
  }
});
