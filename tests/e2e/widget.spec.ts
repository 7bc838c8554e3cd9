import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { SignJWT } from "jose";
import { copySnippet, createProject, E2E_DIR, revealSecret, signUp } from "./helpers";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

/** A customer's site on another origin, serving whatever HTML the test gives it. */
function serveCustomerSite(html: () => string): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(html());
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://localhost:${port}/`, close: () => server.close() });
    }),
  );
}

test("the widget tag from the page, with a token from the page's Node.js snippet, shows the user under Integration status", async ({ page, browser, baseURL }) => {
  await signUp(page, "Widget");
  const projectId = await createProject(page, "Widget project");
  await expect(page.getByTestId("integration-empty")).toContainText("No tokens received yet");
  const secret = await revealSecret(page);
  const nodeSnippet = await copySnippet(page, "Node.js (CommonJS)");
  const widgetTag = await copySnippet(page, "Widget tag");

  const dir = path.join(E2E_DIR, "widget-snippet");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "reqio-token.cjs"), nodeSnippet);
  const token = execFileSync("node", ["reqio-token.cjs"], { cwd: dir, env: { ...process.env, REQIO_SECRET: secret }, encoding: "utf8" }).trim();

  let html = `<!doctype html><title>Customer</title>${widgetTag.replace("<your minted token>", token)}`;
  const site = await serveCustomerSite(() => html);
  try {
    const customer = await (await browser.newContext()).newPage();
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
    await expect(status.getByRole("table", { name: "Rejected tokens by error code" })).toContainText("audience_mismatch", { timeout: 15_000 });

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
