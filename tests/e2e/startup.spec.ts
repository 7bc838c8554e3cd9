import { expect, test } from "@playwright/test";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { E2E_DIR } from "./helpers";

// `next` itself, not npx: a timeout then kills the server rather than leaving it holding the port.
const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");
const freePort = () => String(20_000 + Math.floor(Math.random() * 20_000));

// The built server must refuse to serve, with a message that says what to set and no stack trace.
function startWith(env: Record<string, string>) {
  const dir = path.join(E2E_DIR, `startup-${Object.keys(env).join("-") || "none"}`);
  fs.mkdirSync(dir, { recursive: true });
  return spawnSync(process.execPath, [NEXT_BIN, "start", "-p", freePort()], {
    env: { ...process.env, DATABASE_URL: `file:${dir}/reqio.db`, ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
}

for (const [label, value] of [
  ["malformed", "not-a-key"],
  ["too short", Buffer.alloc(16).toString("base64")],
  ["empty", ""],
] as const) {
  test(`next start refuses a ${label} REQIO_ENCRYPTION_KEY`, () => {
    const run = startWith({ REQIO_ENCRYPTION_KEY: value });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Reqio cannot start: REQIO_ENCRYPTION_KEY");
    expect(run.stderr).toContain("openssl rand -base64 32");
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
}

test("next start refuses a corrupted key file instead of replacing it", () => {
  const dir = path.join(E2E_DIR, "startup-bad-key-file");
  fs.mkdirSync(dir, { recursive: true });
  const keyFile = path.join(dir, "reqio-encryption.key");
  fs.writeFileSync(keyFile, "truncated\n", { mode: 0o600 });
  const { REQIO_ENCRYPTION_KEY: _unset, ...inherited } = process.env;
  const env = { ...inherited, DATABASE_URL: `file:${dir}/reqio.db` };
  const run = spawnSync(process.execPath, [NEXT_BIN, "start", "-p", freePort()], { env, encoding: "utf8", timeout: 30_000 });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(`The key file ${keyFile} is malformed`);
  expect(fs.readFileSync(keyFile, "utf8")).toBe("truncated\n");
});
