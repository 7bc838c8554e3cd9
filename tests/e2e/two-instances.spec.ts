// Two server instances on one PostgreSQL database, as a real deployment runs: instance A is the
// suite's server, instance B a second process with the same settings (scripts/e2e-server.sh writes them).
import { expect, test, type APIRequestContext } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { specClients, specPort } from "./addresses";
import { E2E_DIR, mint, SECRET_RE, signUpWithProject } from "./helpers";

const instanceFile = path.join(E2E_DIR, "instance.json");
test.skip(!process.env.REQIO_TEST_POSTGRES_URL, "two instances share a PostgreSQL database: runs in the suite's PostgreSQL pass");

const PORT_B = specPort("two-instances: instance B");
const clients = specClients("two-instances");
test.use({ extraHTTPHeaders: { "x-forwarded-for": clients.at(1) } });
const B = `http://localhost:${PORT_B}`;
let instanceB: ChildProcess | undefined;
let logB = "";

test.beforeAll(async () => {
  const settings = JSON.parse(fs.readFileSync(instanceFile, "utf8")) as Record<string, string>;
  instanceB = spawn(process.execPath, ["--import", "tsx", path.resolve("server/main.ts")], {
    env: { ...process.env, ...settings, PORT: String(PORT_B) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  instanceB.stdout!.on("data", (chunk) => (logB += chunk));
  instanceB.stderr!.on("data", (chunk) => (logB += chunk));
  for (let i = 0; i < 300; i += 1) {
    const up = await fetch(`${B}/api/health`).then((r) => r.ok, () => false);
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`instance B did not start:\n${logB}`);
});

test.afterAll(() => {
  instanceB?.kill("SIGTERM");
  // Instance B's log joins A's, so the suite's leak scan covers both.
  fs.appendFileSync(path.join(E2E_DIR, "server.log"), `\n--- instance B ---\n${logB}`);
});

// A fresh address per call: polling must never run into the per-IP limit it is not testing.
async function identifyOnB(request: APIRequestContext, projectId: string, token: string, ip = clients.next()) {
  const response = await request.post(`${B}/api/v1/projects/${projectId}/identify`, { data: { token }, headers: { "x-forwarded-for": ip } });
  return { status: response.status(), code: ((await response.json()) as { error?: { code: string } }).error?.code };
}

/** Polls instance B until `token` gets `status`; returns how long that took after `since`. */
async function untilB(request: APIRequestContext, projectId: string, token: string, status: number, since: number, deadlineMs: number) {
  for (;;) {
    const result = await identifyOnB(request, projectId, token);
    const elapsed = Date.now() - since;
    if (result.status === status) return { elapsed, ...result };
    if (elapsed > deadlineMs) throw new Error(`instance B still answers ${result.status} ${result.code ?? ""} after ${elapsed} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function rotateOnA(page: import("@playwright/test").Page, grace: RegExp) {
  await page.getByRole("button", { name: "Rotate secret…" }).click();
  const dialog = page.getByRole("dialog", { name: "Rotate the signing secret?" });
  await dialog.getByRole("radio", { name: grace }).check();
  // The rotate action's response arrives after its transaction committed: propagation is timed from there.
  const committed = page
    .waitForResponse((response) => response.request().method() === "POST" && Boolean(response.request().headers()["next-action"]))
    .then(() => Date.now());
  await dialog.getByRole("button", { name: "Rotate secret" }).click();
  const shown = async () => {
    await expect(page.getByText("This is your new secret")).toBeVisible();
    await expect(page.getByTestId("identity-secret")).toHaveText(SECRET_RE);
    return (await page.getByTestId("identity-secret").innerText()).trim();
  };
  // Returned once committed: B can be polled while A's page is still rendering the new secret (up to a
  // second on a loaded machine), so that rendering isn't counted as B's propagation.
  return { committedAt: await committed, secret: shown() };
}

test("a rotation on instance A reaches instance B within 1 s, immediate or with a grace period", async ({ page, baseURL }) => {
  const { projectId, audience, secret: first } = await signUpWithProject(page, baseURL, "Twin", "Two instances");
  const firstToken = await mint(first, audience, "user_1");
  expect(await identifyOnB(page.request, projectId, firstToken)).toEqual({ status: 200, code: undefined });

  // Immediately: B must refuse the old secret within 1 s (its key cache lives 500 ms).
  const { secret: shownSecond, committedAt: rotatedAt } = await rotateOnA(page, /Immediately/);
  const [cutOff, second] = await Promise.all([untilB(page.request, projectId, firstToken, 401, rotatedAt, 1_000), shownSecond]);
  expect(cutOff.code).toBe("bad_signature");
  const secondToken = await mint(second, audience, "user_2");
  const accepted = await untilB(page.request, projectId, secondToken, 200, rotatedAt, 1_000);
  console.log(`instance B: old secret refused ${cutOff.elapsed} ms and new secret accepted ${accepted.elapsed} ms after A's immediate rotation committed`);

  // 24 h grace: B keeps accepting the previous secret and starts accepting the new one.
  const { secret: shownThird, committedAt: graceAt } = await rotateOnA(page, /In 24 hours/);
  const third = await shownThird;
  const thirdToken = await mint(third, audience, "user_3");
  const graceAccepted = await untilB(page.request, projectId, thirdToken, 200, graceAt, 1_000);
  expect(await identifyOnB(page.request, projectId, await mint(second, audience, "user_2"))).toEqual({ status: 200, code: undefined });
  console.log(`instance B: new secret accepted ${graceAccepted.elapsed} ms after A's grace rotation committed; previous still verifies`);
});

test("rate limits are shared: A and B together stay within the per-IP budget plus the sync overshoot", async ({ request }) => {
  const settings = JSON.parse(fs.readFileSync(instanceFile, "utf8")) as Record<string, string>;
  const budget = Number(settings.REQIO_IDENTIFY_LIMIT_PER_IP);
  expect(budget).toBeGreaterThan(10);
  const ip = clients.at(2);
  const send = (base: string) =>
    request.post(`${base}/api/v1/projects/prj_0000000000000000000000/identify`, { data: { token: "x" }, headers: { "x-forwarded-for": ip } });
  // Alternate instances. Each decides in memory and learns the other's count within two sync rounds
  // (lib/http/rate-limit/local-first-limiter.ts), so the pair admits at least the budget and at most the
  // budget plus what the other admitted meanwhile — far from the 2 × budget of per-instance counting.
  const statuses: number[] = [];
  const sentAt: number[] = [];
  for (let i = 0; i < budget * 2; i += 1) {
    sentAt.push(performance.now());
    statuses.push((await send(i % 2 === 0 ? "" : B)).status());
  }
  const admitted = statuses.filter((status) => status !== 429).length;
  // The documented bound (README, "Overshoot"): the budget plus what was admitted while the counts were
  // still on their way, at most two 200 ms sync intervals plus a round trip (200 ms allowed here). Counted
  // as every request sent in the busiest such span, so the bound follows how fast this machine sent them.
  const LEARN_MS = 2 * 200 + 200;
  const inFlight = Math.max(...sentAt.map((start) => sentAt.filter((at) => at >= start && at < start + LEARN_MS).length));
  console.log(`two instances, per-IP budget ${budget}: ${admitted} admitted of ${statuses.length} (overshoot ${admitted - budget}, bound ${inFlight} sent within ${LEARN_MS} ms)`);
  expect(admitted).toBeGreaterThanOrEqual(budget);
  expect(admitted - budget).toBeLessThanOrEqual(inFlight);
  expect(admitted).toBeLessThan(budget * 2); // never the budget per instance
  // Once the counts have met in the shared store, both instances refuse.
  for (const base of ["", B]) {
    await expect.poll(async () => (await send(base)).status(), { timeout: 2_000 }).toBe(429);
  }
  const retry = await send(B);
  expect(Number(retry.headers()["retry-after"])).toBeGreaterThan(0);
});
