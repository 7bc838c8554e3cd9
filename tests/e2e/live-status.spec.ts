// The Identity page's live parts come from one small JSON route, polled by the open tab: never a page
// re-render. Time is Playwright's clock (paused, then run forward), so intervals are exact, not slept.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { specClients } from "./addresses";
import { createProject, mint, revealSecret, signUp } from "./helpers";

const clients = specClients("live-status");
// Everything this spec sends without an address of its own comes from its client 1, not the suite's loopback.
test.use({ extraHTTPHeaders: { "x-forwarded-for": clients.at(1) } });

const EVERY_MS = 3000; // components/identity/live-status.tsx
const statusPath = (projectId: string) => `/api/v1/projects/${projectId}/integration-status`;

/** A fresh address per call, so no per-IP budget stands in for the verdict. */
async function identify(request: APIRequestContext, projectId: string, token: string): Promise<number> {
  const ip = clients.next();
  return (await request.post(`/api/v1/projects/${projectId}/identify`, { data: { token }, headers: { "x-forwarded-for": ip } })).status();
}

function setVisibility(page: Page, state: "visible" | "hidden") {
  return page.evaluate((value) => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => value });
    document.dispatchEvent(new Event("visibilitychange"));
  }, state);
}

/**
 * Every request the page makes from now on, and the status answers it got. `settled()` waits until no
 * status request is open and the page shows the latest answer: by then the next poll is scheduled.
 */
function watch(page: Page, projectId: string) {
  const all: string[] = [];
  let asked = 0;
  let answered = 0;
  let latest: string | null = null;
  const isStatus = (url: string) => new URL(url).pathname === statusPath(projectId);
  page.on("request", (request) => {
    all.push(`${request.method()} ${new URL(request.url()).pathname}`);
    if (isStatus(request.url())) asked += 1;
  });
  page.on("response", async (response) => {
    if (!isStatus(response.url())) return;
    const body = (await response.json()) as { generatedAt: string };
    answered += 1;
    if (!latest || body.generatedAt > latest) latest = body.generatedAt;
  });
  const shown = page.getByTestId("live-status");
  return {
    all,
    asked: () => asked,
    async settled() {
      await expect.poll(async () => asked === answered && latest !== null && (await shown.getAttribute("data-generated-at")) === latest).toBe(true);
    },
    reset() {
      all.length = 0;
    },
  };
}

test("an open Identity tab polls only the small JSON status route, once per interval, and not while hidden", async ({ page }) => {
  await page.clock.install();
  await signUp(page, "Poller");
  const projectId = await createProject(page, "Polled project");
  await page.waitForLoadState("networkidle");
  const requests = watch(page, projectId);
  // Freeze the page's time, then let one poll happen so the rhythm is known from here on.
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 100));
  await page.clock.runFor(EVERY_MS);
  await requests.settled();
  requests.reset();
  const start = requests.asked();

  for (let interval = 1; interval <= 4; interval++) {
    await page.clock.runFor(EVERY_MS);
    await requests.settled();
    expect(requests.asked() - start, `status requests after ${interval} intervals`).toBe(interval);
  }
  // Nothing else: no page refresh, no RSC payload, no server action. Each answer is small.
  expect(requests.all).toEqual(Array(4).fill(`GET ${statusPath(projectId)}`));
  const answer = await page.request.get(statusPath(projectId));
  expect((await answer.body()).length).toBeLessThan(4096);

  // Hidden: not one request over three intervals. Visible again: one at once (its data is stale), then the rhythm.
  await setVisibility(page, "hidden");
  await page.clock.runFor(3 * EVERY_MS);
  expect(requests.all).toHaveLength(4);
  await setVisibility(page, "visible");
  await requests.settled();
  expect(requests.all).toHaveLength(5);
  await page.clock.runFor(EVERY_MS);
  await requests.settled();
  expect(requests.all).toEqual(Array(6).fill(`GET ${statusPath(projectId)}`));
});

test("the panel shows an identified token without a reload, and the previous secret's usage is live too", async ({ page, baseURL }) => {
  await page.clock.install();
  await signUp(page, "Live");
  const projectId = await createProject(page, "Live project");
  const audience = `${baseURL}/p/${projectId}`;
  await expect(page.getByTestId("integration-empty")).toBeVisible();
  const secret = await revealSecret(page);
  expect(await identify(page.request, projectId, await mint(secret, audience, "live_user_1"))).toBe(200);

  // Counts are flushed once a second on the server: run the page's clock an interval at a time until they show.
  const accepted = page.getByTestId("accepted-count");
  await expect(async () => {
    await page.clock.runFor(EVERY_MS);
    await expect(accepted).toHaveText("1", { timeout: 1000 });
  }).toPass();
  await expect(page.getByTestId("integration-status")).toContainText("live_user_1");
  expect(await identify(page.request, projectId, await mint(secret, audience, "live_user_2"))).toBe(200);
  await expect(async () => {
    await page.clock.runFor(EVERY_MS);
    await expect(accepted).toHaveText("2", { timeout: 1000 });
  }).toPass();

  // Rotate with a 24 h grace period; tokens still signed with the old secret keep counting under "Previous secret"
  // (the two above were signed with it too).
  await page.getByRole("button", { name: "Rotate secret…" }).click();
  const dialog = page.getByRole("dialog", { name: "Rotate the signing secret?" });
  await dialog.getByRole("radio", { name: /In 24 hours/ }).check();
  await dialog.getByRole("button", { name: "Rotate secret" }).click();
  await expect(dialog).toBeHidden();
  const previous = page.getByTestId("previous-secret");
  await expect(previous).toContainText("— 2 tokens in the last hour");
  expect(await identify(page.request, projectId, await mint(secret, audience, "live_user_3"))).toBe(200);
  await expect(async () => {
    await page.clock.runFor(EVERY_MS);
    await expect(previous).toContainText("— 3 tokens in the last hour", { timeout: 1000 });
  }).toPass();
  await expect(previous).toContainText("last used just now");
  await expect(accepted).toHaveText("3");
});

test("the status route over HTTP: members get JSON that isn't stored, another team 404, signed out 401", async ({ page, browser, playwright, baseURL }) => {
  await signUp(page, "Owner");
  const projectId = await createProject(page, "Private project");
  const own = await page.request.get(statusPath(projectId));
  expect(own.status()).toBe(200);
  expect(own.headers()["cache-control"]).toBe("no-store");
  expect(await own.json()).toMatchObject({ generatedAt: expect.any(String), integration: { accepted: 0 }, previous: null });

  const strangerContext = await browser.newContext();
  try {
    const stranger = await strangerContext.newPage();
    await signUp(stranger, "Stranger");
    const theirs = await stranger.request.get(statusPath(projectId));
    expect(theirs.status()).toBe(404);
    expect(theirs.headers()["cache-control"]).toBe("no-store");
    expect(await theirs.json()).toMatchObject({ ok: false, error: { code: "not_found" } });
  } finally {
    await strangerContext.close();
  }

  const anonymous = await playwright.request.newContext({ baseURL });
  try {
    const signedOut = await anonymous.get(statusPath(projectId));
    expect(signedOut.status()).toBe(401);
    expect(signedOut.headers()["cache-control"]).toBe("no-store");
    expect(await signedOut.json()).toMatchObject({ ok: false, error: { code: "signed_out" } });
  } finally {
    await anonymous.dispose();
  }
});
