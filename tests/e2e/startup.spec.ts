import { expect, test } from "@playwright/test";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { specPort } from "./addresses";
import { E2E_DIR } from "./helpers";

// The server entry itself, not npm: a timeout then kills the server rather than leaving it holding the port.
const SERVER = ["--import", "tsx", path.resolve("server/main.ts")];
// Each run exits before it listens (spawnSync waits), so they can share one port.
const PORT = String(specPort("startup: refused server"));

// The built server must refuse to serve, with a message that says what to set and no stack trace.
function startWith(env: Record<string, string>, args: string[] = []) {
  const dir = path.join(E2E_DIR, `startup-${Object.keys(env).join("-") || "none"}`);
  fs.mkdirSync(dir, { recursive: true });
  return spawnSync(process.execPath, [...SERVER, ...args], {
    env: { ...process.env, PORT, DATABASE_URL: `file:${dir}/reqio.db`, ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
}

for (const [label, value] of [
  ["malformed", "not-a-key"],
  ["too short", Buffer.alloc(16).toString("base64")],
  ["empty", ""],
] as const) {
  test(`the server refuses a ${label} REQIO_ENCRYPTION_KEY`, () => {
    const run = startWith({ REQIO_ENCRYPTION_KEY: value });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Reqio cannot start: REQIO_ENCRYPTION_KEY");
    expect(run.stderr).toContain("openssl rand -base64 32");
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
}

test("the server refuses a corrupted key file instead of replacing it", () => {
  const dir = path.join(E2E_DIR, "startup-bad-key-file");
  fs.mkdirSync(dir, { recursive: true });
  const keyFile = path.join(dir, "reqio-encryption.key");
  fs.writeFileSync(keyFile, "truncated\n", { mode: 0o600 });
  const { REQIO_ENCRYPTION_KEY: _unset, ...inherited } = process.env;
  const env = { ...inherited, PORT, DATABASE_URL: `file:${dir}/reqio.db` };
  const run = spawnSync(process.execPath, SERVER, { env, encoding: "utf8", timeout: 30_000 });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(`The key file ${keyFile} is malformed`);
  expect(fs.readFileSync(keyFile, "utf8")).toBe("truncated\n");
});

const KEY = Buffer.alloc(32, 7).toString("base64");

test("the server refuses an unsupported DATABASE_URL scheme, naming both supported ones", () => {
  const run = startWith({ DATABASE_URL: "mysql://reqio:hunter2@db.internal/reqio" });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('Reqio cannot start: DATABASE_URL has an unsupported scheme "mysql:"');
  expect(run.stderr).toContain("postgresql://user:password@host:5432/database");
  expect(run.stderr + run.stdout).not.toContain("hunter2");
  expect(run.stderr).not.toMatch(/^\s+at /m);
});

test("the server refuses an unreachable PostgreSQL server with the reason, not a stack trace or the password", () => {
  const port = specPort("startup: no PostgreSQL here"); // nothing listens there (tests/e2e/addresses.ts)
  const run = startWith({ DATABASE_URL: `postgresql://reqio:hunter2@127.0.0.1:${port}/reqio`, REQIO_ENCRYPTION_KEY: KEY, NEXTAUTH_SECRET: KEY });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(`Reqio cannot start: Can't reach the database (PostgreSQL 127.0.0.1:${port}/reqio)`);
  expect(run.stderr).toContain(`nothing answers at 127.0.0.1:${port}`);
  expect(run.stderr).toContain("Check DATABASE_URL");
  expect(run.stderr + run.stdout).not.toContain("hunter2");
  expect(run.stderr).not.toMatch(/^\s+at /m);
});

test("the server refuses a database whose migrations are out of date and says which command to run", () => {
  const dir = path.join(E2E_DIR, "startup-unmigrated");
  fs.rmSync(dir, { recursive: true, force: true });
  const run = startWith({ DATABASE_URL: `file:${dir}/reqio.db`, REQIO_ENCRYPTION_KEY: KEY });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/Reqio cannot start: The database \(.*reqio\.db\) is missing (\d+) of this version's \1 migrations \(20261124000000_init, /);
  expect(run.stderr).toContain("Run `npm run db:migrate` with the same DATABASE_URL");
  expect(run.stderr).not.toMatch(/^\s+at /m);
});

test("the identify-only server (npm run start:identify) refuses an unmigrated database just the same", () => {
  const dir = path.join(E2E_DIR, "startup-identify-unmigrated");
  fs.rmSync(dir, { recursive: true, force: true });
  const run = startWith({ DATABASE_URL: `file:${dir}/reqio.db`, REQIO_ENCRYPTION_KEY: KEY }, ["--identify-only"]);
  expect(run.status).toBe(1);
  expect(run.stderr).toContain("Run `npm run db:migrate` with the same DATABASE_URL");
  expect(run.stderr).not.toMatch(/^\s+at /m);
});

test("the server names a PostgreSQL database that doesn't exist", () => {
  const admin = process.env.REQIO_TEST_POSTGRES_URL;
  test.skip(!admin, "needs the PostgreSQL cluster of scripts/with-postgres.sh (the PostgreSQL run of the suite)");
  const url = new URL(admin!);
  url.pathname = "/no_such_database";
  const run = startWith({ DATABASE_URL: url.toString(), REQIO_ENCRYPTION_KEY: KEY, NEXTAUTH_SECRET: KEY });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(`/no_such_database): the database "no_such_database" does not exist`);
  expect(run.stderr).not.toMatch(/^\s+at /m);
});
