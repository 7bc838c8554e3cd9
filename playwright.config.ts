import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
// One directory per port (database, key file, server log), so parallel runs never share state.
process.env.E2E_DIR ??= path.resolve(`tests/.tmp/e2e-${port}`);

// Debian's Chromium (npx playwright install can't download browsers here).
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  globalTeardown: "./tests/e2e/global-teardown.ts",
  // Per port too: the SQLite and PostgreSQL runs of npm test run side by side.
  outputDir: `test-results/e2e-${port}`,
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    },
  },
  webServer: {
    command: "bash scripts/e2e-server.sh",
    env: { E2E_PORT: String(port), E2E_DIR: process.env.E2E_DIR },
    url: `http://localhost:${port}/sign-in`,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
