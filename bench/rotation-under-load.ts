// How long an admin waits for "Rotate secret" while 50 connections of identify load hit the same
// server on the embedded default (SQLite): clicks in real Chromium, timed from the click to the new
// secret on screen. Needs `npm run build` first. Usage: npm run bench:rotation
import { spawn, execFileSync } from "node:child_process";
import path from "node:path";
import fs from "node:fs";
import autocannon from "autocannon";
import { chromium } from "@playwright/test";

const port = 3295;
const base = `http://localhost:${port}`;
const dir = path.resolve("tests/.tmp/bench-rotation");
const ROTATIONS = 5;
const server = spawn("bash", ["scripts/e2e-server.sh"], {
  env: { ...process.env, E2E_PORT: String(port), E2E_DIR: dir, REQIO_TEST_POSTGRES_URL: "", REQIO_TEST_REDIS_URL: "", REQIO_IDENTIFY_LIMIT_PER_IP: "100000000", REQIO_IDENTIFY_LIMIT_PER_PROJECT: "100000000" },
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});
process.on("exit", () => { try { process.kill(-server.pid!, "SIGKILL"); } catch {} });
for (let i = 0; ; i++) {
  try { if ((await fetch(`${base}/api/health`)).ok) break; } catch {}
  if (i > 600) throw new Error("server did not start");
  await new Promise((resolve) => setTimeout(resolve, 200));
}
const env = { ...process.env, DATABASE_URL: fs.readFileSync(path.join(dir, "database-url"), "utf8"), APP_URL: base };
execFileSync("npm", ["run", "--silent", "db:seed"], { env, stdio: "ignore" });
const { projectId, token } = JSON.parse(execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/mint-token.ts"], { env, encoding: "utf8" }));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
const page = await browser.newPage({ baseURL: base });
await page.goto("/sign-in");
await page.getByLabel("Email").fill("demo@reqio.dev");
await page.getByLabel("Password").fill("calm-harbor-2026");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL(/\/teams\//);
await page.goto(`/projects/${projectId}/settings/identity`);
// Signing in just confirmed the password (it counts for 5 minutes): no prompt, the timing below is the rotation alone.
await page.getByRole("button", { name: "Reveal", exact: true }).click();
await page.getByTestId("identity-secret").filter({ hasText: /rqio_sk_[0-9A-Za-z]{44}/ }).waitFor();

let load!: autocannon.Instance;
const loadResult = new Promise<autocannon.Result>((resolve, reject) => {
  load = autocannon({
    url: `${base}/api/v1/projects/${projectId}/identify`, method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ token }), connections: 50, duration: 120,
  }, (error, result) => (error ? reject(error) : resolve(result)));
});
await new Promise((resolve) => setTimeout(resolve, 2000)); // load at full speed before the first click
const times: number[] = [];
for (let i = 0; i < ROTATIONS; i++) {
  await page.getByRole("button", { name: "Rotate secret…" }).click();
  const dialog = page.getByRole("dialog", { name: "Rotate the signing secret?" });
  await dialog.getByRole("radio", { name: /Immediately/ }).check();
  const started = performance.now();
  await dialog.getByRole("button", { name: "Rotate secret" }).click();
  await page.getByText("This is your new secret").waitFor();
  times.push(performance.now() - started);
  await page.reload();
}
load.stop();
const result = await loadResult;
await browser.close();
times.sort((a, b) => a - b);
console.log(`rotation under ${result.requests.average.toFixed(0)} req/s of identify (50 connections, SQLite): ` +
  `median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms over ${ROTATIONS} rotations (target < 2000 ms)`);
process.exit(0);
