import { expect, test, type APIResponse, type ConsoleMessage } from "@playwright/test";
import { createProject, revealSecret, signUp } from "./helpers";

const NONCE = /'nonce-([A-Za-z0-9+/]{22}==)'/;
const CSP_VIOLATION = /Content Security Policy|Refused to/i;

function nonceOf(response: APIResponse | { headers(): Record<string, string> }): string {
  const policy = response.headers()["content-security-policy"] ?? "";
  const match = policy.match(NONCE);
  expect(match, `CSP header: ${policy}`).not.toBeNull();
  return match![1]!;
}

test("dashboard pages carry a per-request nonce CSP that Next puts on every script, plus the other security headers", async ({ request }) => {
  for (const path of ["/sign-in", "/sign-up", "/no-such-page"]) {
    const first = await request.get(path);
    const second = await request.get(path);
    expect(first.status()).toBe(path === "/no-such-page" ? 404 : 200);
    const nonce = nonceOf(first);
    expect(nonceOf(second)).not.toBe(nonce);

    const policy = first.headers()["content-security-policy"]!;
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    for (const directive of ["frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'"]) expect(policy).toContain(directive);

    // Every script in the server-rendered HTML carries this response's nonce (the page was rendered per request).
    const scripts = (await first.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);

    const headers = first.headers();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["strict-transport-security"]).toBeUndefined(); // plain http
    expect(headers["set-cookie"]).toBeUndefined();
  }
  const behindTls = await request.get("/sign-in", { headers: { "x-forwarded-proto": "https" } });
  expect(behindTls.headers()["strict-transport-security"]).toMatch(/^max-age=\d+/);
  expect(behindTls.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
});

test("sign up, create a project, reveal, open the rotate dialog and generate a test token: no CSP violation", async ({ page }) => {
  const messages: string[] = [];
  const collect = (message: ConsoleMessage) => messages.push(`${message.type()}: ${message.text()}`);
  page.on("console", collect);
  page.on("pageerror", (error) => messages.push(`pageerror: ${error.message}`));

  await signUp(page, "Csp");
  await createProject(page, "CSP project");
  const identity = await page.reload();
  nonceOf(identity!);
  expect(await page.locator("pre.shiki span[class^='s']").count()).toBeGreaterThan(0); // highlighted snippets, painted under this CSP

  await revealSecret(page);
  await page.getByRole("button", { name: "Rotate secret…" }).click();
  const dialog = page.getByRole("dialog", { name: "Rotate the signing secret?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("button", { name: "Generate a test token" }).click();
  await expect(page.getByTestId("token-report").getByRole("status")).toContainText("Valid: this token verifies with the current secret");

  // Client-side navigation and a full load of another dashboard page.
  await page.goto(page.url().replace(/\/settings\/identity$/, "/settings"));
  await expect(page.getByRole("heading").first()).toBeVisible();

  expect(messages.filter((message) => CSP_VIOLATION.test(message))).toEqual([]);
});

test("control: a script injected into the HTML without the nonce is blocked, and the violation reaches the console", async ({ page }) => {
  const messages: string[] = [];
  page.on("console", (message) => messages.push(message.text()));
  // Simulates an HTML injection: the real response (headers included), plus one script tag without the nonce.
  await page.route("**/sign-in", async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace("</body>", "<script>window.__injected = true</script></body>");
    await route.fulfill({ response, body });
  });
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect.poll(() => messages.some((message) => CSP_VIOLATION.test(message))).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
});

test("widget.js and the identify endpoint keep their CORS, set no cookies and get no dashboard policy", async ({ request }) => {
  const widget = await request.get("/widget.js", { headers: { origin: "https://customer.example" } });
  expect(widget.status()).toBe(200);
  expect(widget.headers()["access-control-allow-origin"]).toBe("*");
  expect(widget.headers()["set-cookie"]).toBeUndefined();
  expect(widget.headers()["content-security-policy"]).toBeUndefined();

  const identify = await request.post("/api/v1/projects/prj_0000000000000000000000/identify", {
    headers: { origin: "https://customer.example", "content-type": "application/json" },
    data: { token: "not-a-token" },
  });
  expect(identify.status()).toBeGreaterThanOrEqual(400);
  expect(identify.headers()["access-control-allow-origin"]).toBe("*");
  expect(identify.headers()["set-cookie"]).toBeUndefined();
  expect(identify.headers()["content-security-policy"]).toBeUndefined();

  const preflight = await request.fetch("/api/v1/projects/prj_0000000000000000000000/identify", {
    method: "OPTIONS",
    headers: { origin: "https://customer.example", "access-control-request-method": "POST" },
  });
  expect(preflight.headers()["access-control-allow-origin"]).toBe("*");
  expect(preflight.headers()["set-cookie"]).toBeUndefined();
});

test("GET /api/health: 200, up to date, never cached, nothing else in the body", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ ok: true, database: "ok", migrations: "up_to_date" });
  expect(health.headers()["cache-control"]).toBe("no-store");
  expect(health.headers()["set-cookie"]).toBeUndefined();
});
