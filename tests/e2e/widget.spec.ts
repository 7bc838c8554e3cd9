import { expect, test, type BrowserContext, type Page, type Route } from "@playwright/test";
import http from "node:http";
import path from "node:path";
import { build } from "esbuild";
import { SignJWT } from "jose";
import { specClients } from "./addresses";
import { copyStackFile, createProject, revealSecret, signUp } from "./helpers";

const clients = specClients("widget");
// The customer pages' identify calls come from this spec's client 1, not the suite's loopback. Added on
// the way out (not extraHTTPHeaders, which the browser would have to preflight cross-origin).
const fromSpecClient = (context: BrowserContext) =>
  context.route("**/api/v1/projects/*/identify", (route) => route.continue({ headers: { ...route.request().headers(), "x-forwarded-for": clients.at(1) } }));
test.beforeEach(({ context }) => fromSpecClient(context));


test.use({ permissions: ["clipboard-read", "clipboard-write"] });

type Served = { status?: number; type: string; body: string };

/** A customer's site on another origin: "/" is the test's HTML, other paths whatever `files` serves. */
function serveCustomerSite(html: () => string, files: Record<string, () => Served> = {}): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    const file = files[new URL(req.url ?? "/", "http://x").pathname]?.() ?? { type: "text/html", body: html() };
    res.writeHead(file.status ?? 200, { "content-type": file.type });
    res.end(file.body);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://localhost:${port}/`, close: () => server.close() });
    }),
  );
}

/** A token as the customer's server mints it (the server snippets' own runs are tested in snippets-run). */
function mintToken(secret: string, audience: string, sub = "user_123"): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub, email: "ada@example.com", traits: { plan: "pro", amount: 2900, interval: "month" } })
    .setProtectedHeader({ alg: "HS256" })
    .setAudience(audience)
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .sign(new TextEncoder().encode(secret));
}

/** Opens a customer page and records its console lines and identify requests until the widget has run. */
async function openCustomerPage(page: Page, url: string) {
  const lines: { type: string; text: string }[] = [];
  const requests: string[] = [];
  page.removeAllListeners("console").removeAllListeners("request"); // one recorder per visit
  page.on("console", (message) => lines.push({ type: message.type(), text: message.text() }));
  page.on("request", (request) => request.method() === "POST" && request.url().includes("/identify") && requests.push(request.url()));
  await page.goto(url);
  await page.waitForFunction(() => typeof (window as any).Reqio?.identify === "function" && !(window as any).Reqio.q);
  const of = (type: string) => lines.filter((line) => line.type === type).map((line) => line.text);
  return { requests, warnings: () => of("warning"), infos: () => of("info"), all: () => lines.map((line) => `${line.type}: ${line.text}`) };
}

test("the widget tag from the page, with a server-minted token, shows the user under Integration status", async ({ page, browser, baseURL }) => {
  await signUp(page, "Widget");
  const projectId = await createProject(page, "Widget project");
  await expect(page.getByTestId("integration-empty")).toContainText("No tokens received yet");
  const secret = await revealSecret(page);
  const widgetTag = await copyStackFile(page, "Widget (HTML)", "index.html");
  const token = await mintToken(secret, `${baseURL}/p/${projectId}`);

  let html = `<!doctype html><title>Customer</title>${widgetTag.replace("<your minted token>", token)}`;
  const site = await serveCustomerSite(() => html);
  try {
    const customerContext = await browser.newContext();
    await fromSpecClient(customerContext);
    const customer = await customerContext.newPage();
    const warnings: string[] = [];
    customer.on("console", (message) => message.type() === "warning" && warnings.push(message.text()));
    await customer.goto(site.url);
    await customer.waitForFunction(() => typeof (window as any).Reqio?.identify === "function" && !(window as any).Reqio.q);

    // The Identity page refreshes by itself: no reload.
    const status = page.getByTestId("integration-status");
    await expect(status.getByRole("table", { name: "Recently identified users" })).toContainText("user_123", { timeout: 15_000 });
    await expect(status).toContainText("ada@example.com");
    await expect(status).toContainText("$29.00/mo");
    await expect(page.getByTestId("accepted-count")).toHaveText("1");

    // A token for another audience is rejected, the host page gets a clear result and a console warning, and it shows up in the breakdown.
    const now = Math.floor(Date.now() / 1000);
    const wrongAudience = await new SignJWT({ sub: "user_9" })
      .setProtectedHeader({ alg: "HS256" })
      .setAudience(`${baseURL}/p/${projectId}/`)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(new TextEncoder().encode(secret));
    const result = await customer.evaluate((t) => (window as any).Reqio.identify(t), wrongAudience);
    expect(result).toMatchObject({ ok: false, error: { code: "audience_mismatch" } });
    expect(warnings.join("\n")).toContain("[Reqio] identify failed: audience_mismatch");
    await expect(status.getByRole("table", { name: "Rejected tokens by cause" })).toContainText("audience_mismatch", { timeout: 15_000 });

    // The console names the root cause when Reqio can tell it: here the secret without its prefix.
    const prefixDropped = await new SignJWT({ sub: "user_9" })
      .setProtectedHeader({ alg: "HS256" })
      .setAudience(`${baseURL}/p/${projectId}`)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(new TextEncoder().encode(secret.slice("rqio_sk_".length)));
    const dropped = await customer.evaluate((t) => (window as any).Reqio.identify(t), prefixDropped);
    expect(dropped).toMatchObject({ ok: false, error: { code: "bad_signature", cause: "secret_prefix_dropped" } });
    expect(warnings.join("\n")).toContain("[Reqio] identify failed: bad_signature (secret_prefix_dropped): The token was signed with the secret minus its \"rqio_sk_\" prefix");

    // Calls made before the script loaded are queued by the snippet's stub and answered once it loads.
    html = `<!doctype html><script>${widgetTag.match(/<script>(.*?)<\/script>/)![1]}
      window.early = window.Reqio.identify(${JSON.stringify(token)});</script>
      ${widgetTag.replace(/<script>.*?<\/script>/, "").replace(/data-identity-token="[^"]*"/, "")}`;
    await customer.goto(site.url);
    expect(await customer.evaluate(() => (window as any).early)).toMatchObject({ ok: true, user: { id: "user_123", mrrCents: 2900 } });
  } finally {
    site.close();
  }
});

test.describe("the widget speaks: every console line a developer sees on their own page", () => {
  let projectId = "";
  let secret = "";
  let tag = "";
  let spaFile = "";
  let component = "";
  let audience = "";
  let html = "";
  /** What the customer's GET /api/reqio-token answers (their server, signed in or not). */
  let tokenRoute: () => Served = () => ({ status: 401, type: "application/json", body: '{"error":"signed_out"}' });
  let bundle = "";
  let site: { url: string; close: () => void };

  test.beforeAll(async ({ browser, baseURL }) => {
    const page = await (await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] })).newPage();
    await signUp(page, "Console");
    projectId = await createProject(page, "Console project");
    secret = await revealSecret(page);
    tag = await copyStackFile(page, "Widget (HTML)", "index.html");
    spaFile = await copyStackFile(page, "Widget (HTML)", "reqio-identify.js");
    component = await copyStackFile(page, "Widget (React/JSX)", "components/ReqioWidget.tsx");
    await page.close();
    audience = `${baseURL}/p/${projectId}`;
    site = await serveCustomerSite(() => html, {
      "/reqio-identify.js": () => ({ type: "text/javascript", body: spaFile }),
      "/api/reqio-token": () => tokenRoute(),
      "/app.js": () => ({ type: "text/javascript", body: bundle }),
    });
  });
  test.afterAll(() => site.close());

  const withToken = (value: string) => tag.replace('data-identity-token="<your minted token>"', value);
  const fix = ": render your server's token for the signed-in user into it, or drop it and call Reqio.identify(token).";

  test("the tag as copied, its placeholder untouched: one warning naming the placeholder, nothing sent", async ({ page }) => {
    html = tag;
    const customer = await openCustomerPage(page, site.url);
    expect(customer.all()).toEqual([`warning: [Reqio] identify failed: missing_token: data-identity-token is still the placeholder <your minted token>${fix}`]);
    // A template the server never rendered is a placeholder too.
    html = withToken('data-identity-token="{{ reqio_token }}"');
    const template = await openCustomerPage(page, site.url);
    expect(template.warnings()).toEqual([`[Reqio] identify failed: missing_token: data-identity-token is still the placeholder {{ reqio_token }}${fix}`]);
    expect([...customer.requests, ...template.requests]).toEqual([]);
  });

  test("an empty data-identity-token warns; no attribute and no identify call is silent", async ({ page }) => {
    html = withToken('data-identity-token=""');
    const empty = await openCustomerPage(page, site.url);
    expect(empty.all()).toEqual([`warning: [Reqio] identify failed: missing_token: data-identity-token is empty${fix}`]);
    html = withToken("");
    const none = await openCustomerPage(page, site.url);
    expect(none.all()).toEqual([]);
    expect([...empty.requests, ...none.requests]).toEqual([]);
  });

  test("a rejected token warns with its code, cause and fix; a good one is silent unless the tag has data-debug", async ({ page }) => {
    html = withToken(`data-identity-token="${await mintToken("not this project's secret", audience)}"`);
    const rejected = await openCustomerPage(page, site.url);
    await expect.poll(() => rejected.warnings()).toEqual([expect.stringMatching(/^\[Reqio\] identify failed: bad_signature: .+/)]);
    expect(rejected.infos()).toEqual([]);

    const token = await mintToken(secret, audience);
    html = withToken(`data-identity-token="${token}"`);
    const answered = page.waitForResponse((response) => response.url().includes("/identify"));
    const quiet = await openCustomerPage(page, site.url);
    expect(await (await answered).json()).toMatchObject({ ok: true });
    expect(quiet.all()).toEqual([]);

    html = withToken(`data-identity-token="${token}" data-debug`);
    const debug = await openCustomerPage(page, site.url);
    await expect.poll(() => debug.all()).toEqual([`info: [Reqio] identified user_123 for project ${projectId}.`]);
  });

  test("a script src with a query or a fragment still posts to the dashboard's identify endpoint", async ({ page, baseURL }) => {
    const token = await mintToken(secret, audience);
    for (const suffix of ["?v=2", "#v1", "?v=2#top"]) {
      html = withToken(`data-identity-token="${token}" data-debug`).replace(/src="([^"]+)"/, `src="$1${suffix}"`);
      const customer = await openCustomerPage(page, site.url);
      await expect.poll(() => customer.infos()).toEqual([`[Reqio] identified user_123 for project ${projectId}.`]);
      expect(customer.requests).toEqual([`${baseURL}/api/v1/projects/${projectId}/identify`]);
      expect(customer.warnings()).toEqual([]);
    }
  });

  test("a malformed queued identify call is warned about and the calls queued after it are still answered", async ({ page }) => {
    const stub = tag.match(/<script>(.*?)<\/script>/)![1]!;
    const token = await mintToken(secret, audience);
    html = `<!doctype html><script>${stub}
      window.Reqio.q.push(null, "${token}");
      window.late = window.Reqio.identify(${JSON.stringify(token)});</script>
      ${withToken("").replace(/<script>.*?<\/script>/, "")}`;
    const customer = await openCustomerPage(page, site.url);
    expect(await page.evaluate(() => (window as any).late)).toMatchObject({ ok: true, user: { id: "user_123", mrrCents: 2900 } });
    expect(customer.warnings()).toEqual([
      "[Reqio] identify failed: widget_error: queued call 0 is not [token, resolve]: use the snippet's stub.",
      "[Reqio] identify failed: widget_error: queued call 1 is not [token, resolve]: use the snippet's stub.",
    ]);
    expect(customer.requests).toHaveLength(1);
  });

  test("the SPA file as copied: identifies after sign-in, returns null while signed out", async ({ page }) => {
    html = `<!doctype html>${withToken("data-debug")}<script src="/reqio-identify.js"></script>`;
    const customer = await openCustomerPage(page, site.url);
    tokenRoute = () => ({ status: 401, type: "application/json", body: '{"error":"signed_out"}' });
    expect(await page.evaluate(() => (window as any).identifyWithReqio())).toBeNull();
    const token = await mintToken(secret, audience, "user_spa");
    tokenRoute = () => ({ type: "application/json", body: JSON.stringify({ token }) });
    expect(await page.evaluate(() => (window as any).identifyWithReqio())).toMatchObject({ ok: true, user: { id: "user_spa" } });
    // Chromium's own "Failed to load resource: 401" line aside, the widget said only this.
    expect(customer.infos()).toEqual([`[Reqio] identified user_spa for project ${projectId}.`]);
    expect(customer.warnings()).toEqual([]);
  });

  test("the React component as copied, bundled with React: loads the widget once and identifies, with a token or fetching one", async ({ page }) => {
    const token = await mintToken(secret, audience, "user_jsx");
    // The customer's app: the copied component, rendered with the token and again without it.
    const entry = `import { createRoot } from "react-dom/client";
      import { ReqioWidget } from "./components/ReqioWidget";
      const params = new URLSearchParams(location.search);
      const token = params.get("token") ?? undefined;
      createRoot(document.getElementById("root")!).render(<><ReqioWidget token={token} debug /><ReqioWidget token={token} debug /></>);`;
    const result = await build({
      stdin: { contents: entry, loader: "tsx", resolveDir: path.resolve("tests/.tmp") },
      // The component's text as copied, never a file of ours; react resolves from the repo's node_modules.
      plugins: [{
        name: "copied",
        setup: (b) => {
          b.onResolve({ filter: /\/components\/ReqioWidget$/ }, () => ({ path: "components/ReqioWidget.tsx", namespace: "copied" }));
          b.onLoad({ filter: /.*/, namespace: "copied" }, () => ({ contents: component, loader: "tsx", resolveDir: path.resolve("tests/.tmp") }));
        },
      }],
      bundle: true,
      write: false,
      format: "iife",
      jsx: "automatic",
      define: { "process.env.NODE_ENV": '"production"' },
      logLevel: "silent",
    }).catch((error) => { throw new Error(`bundling the copied component failed: ${error.message}`); });
    bundle = result.outputFiles[0]!.text;
    html = `<!doctype html><div id="root"></div><script src="/app.js"></script>`;

    const withProp = await openCustomerPage(page, `${site.url}?token=${token}`);
    await expect.poll(() => withProp.infos()).toHaveLength(2);
    expect(withProp.all()).toEqual([`info: [Reqio] identified user_jsx for project ${projectId}.`, `info: [Reqio] identified user_jsx for project ${projectId}.`]);
    expect(await page.locator(`script[src$="/widget.js"]`).count()).toBe(1); // two components, one widget

    tokenRoute = () => ({ type: "application/json", body: JSON.stringify({ token }) });
    const fetched = await openCustomerPage(page, site.url);
    await expect.poll(() => fetched.infos()).toHaveLength(2);
    expect(fetched.warnings()).toEqual([]);
  });
});

test("widget.js is small, dependency-free, and never throws into the host page", async ({ request, page }) => {
  const script = await request.get("/widget.js");
  expect(script.status()).toBe(200);
  expect((await script.body()).length).toBeLessThan(5 * 1024);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.setContent(`<script src="${script.url()}" data-project-id="prj_0000000000000000000000"></script>`);
  await page.waitForFunction(() => typeof (window as any).Reqio?.identify === "function");
  const results = await page.evaluate(async () => [
    await (window as any).Reqio.identify("not-a-token"),
    await (window as any).Reqio.identify(undefined),
  ]);
  expect(results[0]).toMatchObject({ ok: false, error: { code: "project_not_found" } });
  expect(results[1]).toMatchObject({ ok: false, error: { code: "missing_token" } });
  expect(errors).toEqual([]);
});

test.describe("identify retries a 503, a 429 or a network error, with backoff, and nothing else", () => {
  let projectId = "";
  let secret = "";
  let site: { url: string; close: () => void };
  let mint: (key: string) => Promise<string>;

  test.beforeAll(async ({ browser, baseURL }) => {
    const page = await browser.newPage();
    await signUp(page, "Retry");
    projectId = await createProject(page, "Retry project");
    secret = await revealSecret(page);
    await page.close();
    mint = (key) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ sub: "user_retry" })
        .setProtectedHeader({ alg: "HS256" })
        .setAudience(`${baseURL}/p/${projectId}`)
        .setIssuedAt(now)
        .setExpirationTime(now + 300)
        .sign(new TextEncoder().encode(key));
    };
    site = await serveCustomerSite(() => `<!doctype html><script src="${baseURL}/widget.js" data-project-id="${projectId}"></script>`);
  });
  test.afterAll(() => site.close());

  const realServer = (route: Route) => route.fallback(); // to the context's route, which adds the address
  /** Like the endpoint's answer; a cross-origin page can read Retry-After only when it is exposed. */
  const refused = (status: number, code: string, retryAfter: string) => (route: Route) =>
    route.fulfill({
      status,
      headers: { "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "Retry-After", "Retry-After": retryAfter },
      contentType: "application/json",
      body: JSON.stringify({ ok: false, error: { code, message: "Try again shortly." } }),
    });

  /**
   * Calls identify on the customer's page with its clock paused (backoff waits take no real time),
   * the n-th identify request (from 1) answered by `answer(n)`. Records each request's page time.
   */
  async function identifyOnCustomerPage(page: Page, answer: (n: number) => (route: Route) => Promise<void>, token?: string) {
    const requests: number[] = [];
    // The page's clock when the widget calls fetch: read in the route handler instead, it could be a
    // step late, as result() moves the clock on while the interception is in flight.
    await page.addInitScript(() => {
      const calls: number[] = ((window as any).identifyCallTimes = []);
      const answers: number[] = ((window as any).identifyAnswerTimes = []);
      const realFetch = window.fetch;
      window.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
        if (!String(input).includes("/identify")) return realFetch.call(window, input, init);
        calls.push(Date.now());
        const answered = () => answers.push(Date.now());
        return realFetch.call(window, input, init).then((response) => (answered(), response), (error: unknown) => (answered(), Promise.reject(error)));
      }) as typeof fetch;
    });
    await page.clock.install({ time: new Date("2026-01-01T00:00:00Z") });
    await page.clock.pauseAt(new Date("2026-01-01T00:00:01Z"));
    await page.route(`**/api/v1/projects/${projectId}/identify`, async (route) => {
      if (route.request().method() !== "POST") return route.fallback();
      requests.push(await page.evaluate(() => Date.now()));
      await answer(requests.length)(route);
    });
    const messages: { type: string; text: string }[] = [];
    page.on("console", (message) => messages.push({ type: message.type(), text: message.text() }));
    await page.goto(site.url);
    await page.evaluate((t) => {
      (window as any).Reqio.identify(t).then((result: unknown) => ((window as any).result = result));
    }, token ?? (await mint(secret)));
    /** Moves the page's clock on a second at a time until the promise has resolved. */
    const result = async () => {
      await expect.poll(async () => {
        await page.clock.runFor(1000);
        return page.evaluate(() => "result" in window);
      }, { intervals: [50], timeout: 30_000 }).toBe(true);
      return page.evaluate(() => (window as any).result);
    };
    const lines = (type: string) => messages.filter((line) => line.type === type).map((line) => line.text);
    const callTimes = (): Promise<number[]> => page.evaluate(() => (window as any).identifyCallTimes);
    const answerTimes = (): Promise<number[]> => page.evaluate(() => (window as any).identifyAnswerTimes);
    return { requests, result, lines, callTimes, answerTimes };
  }

  test("a 503 is retried after its Retry-After, and the promise resolves with the real answer", async ({ page }) => {
    const customer = await identifyOnCustomerPage(page, (n) => (n === 1 ? refused(503, "temporarily_unavailable", "3") : realServer));
    await expect.poll(() => customer.lines("info")).toEqual(["[Reqio] identify: Reqio is unavailable right now, retrying in 3 s."]);
    await page.clock.runFor(2900);
    expect(customer.requests).toHaveLength(1);
    expect(await customer.result()).toMatchObject({ ok: true, user: { id: "user_retry" } });
    expect(customer.requests).toHaveLength(2);
    expect(customer.lines("warning")).toEqual([]);
  });

  test("a 429 and a network error are retried too", async ({ page }) => {
    const customer = await identifyOnCustomerPage(page, (n) =>
      n === 1 ? refused(429, "rate_limited", "1") : n === 2 ? (route) => route.abort("connectionreset") : realServer,
    );
    expect(await customer.result()).toMatchObject({ ok: true, user: { id: "user_retry" } });
    expect(customer.requests).toHaveLength(3);
    expect(customer.lines("info")).toHaveLength(1);
  });

  test("a 401 is not retried", async ({ page }) => {
    const customer = await identifyOnCustomerPage(page, () => realServer, await mint("not the project's secret"));
    expect(await customer.result()).toMatchObject({ ok: false, error: { code: "bad_signature" } });
    expect(customer.requests).toHaveLength(1);
    expect(customer.lines("info")).toEqual([]);
    expect(customer.lines("warning")).toEqual([expect.stringMatching(/^\[Reqio\] identify failed: bad_signature: /)]);
  });

  test("an outage that lasts ends after 4 attempts with the final error, warned once", async ({ page }) => {
    const customer = await identifyOnCustomerPage(page, () => refused(503, "temporarily_unavailable", "1"));
    expect(await customer.result()).toMatchObject({ ok: false, error: { code: "temporarily_unavailable" } });
    expect(customer.requests).toHaveLength(4);
    // Waits of 1, 2 and 4 s plus up to half again of jitter, from each answer to the next call, seen to
    // within the clock's 1 s steps (an intercepted answer can arrive steps after its call, so not call to call).
    const calls = await customer.callTimes();
    const answers = await customer.answerTimes();
    expect(calls).toHaveLength(4);
    calls.slice(1).forEach((at, i) => {
      const base = 1000 * 2 ** i;
      expect(at - answers[i]!).toBeGreaterThanOrEqual(base - 1000);
      expect(at - answers[i]!).toBeLessThanOrEqual(1.5 * base + 1000);
    });
    expect(customer.lines("warning")).toEqual(["[Reqio] identify failed: temporarily_unavailable: Try again shortly."]);
    expect(customer.lines("info")).toHaveLength(1);
  });

  test("a Retry-After longer than the time left gives up instead of waiting past a minute", async ({ page }) => {
    const customer = await identifyOnCustomerPage(page, () => refused(503, "temporarily_unavailable", "120"));
    expect(await customer.result()).toMatchObject({ ok: false, error: { code: "temporarily_unavailable" } });
    // A wait is capped at 30 s: attempts at 0 s and 30 s fit in the minute, a third at 60 s doesn't.
    expect(customer.requests).toHaveLength(2);
    const calls = await customer.callTimes();
    expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(30_000);
  });
});
