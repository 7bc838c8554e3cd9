// Identify throughput and p99 against the floor (bench/floor-server.mjs: node:http + jose), in one
// run, 50 connections (autocannon): the embedded default (SQLite, memory limits, dashboard on the same
// port) and PostgreSQL + Redis with two identify instances sharing the load. Needs `npm run build`.
// Usage: npm run bench:identify   (starts its own PostgreSQL and Redis; BENCH_SECONDS=8 by default)
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 50;
const [FLOOR_PORT, SQLITE_PORT, PG_PORT_A, PG_PORT_B] = [3290, 3291, 3292, 3293];
const tmp = path.resolve("tests/.tmp/bench-identify");
const children: ChildProcess[] = [];
// SIGKILL: a server still draining 50 connections would otherwise linger and skew the next run.
const stopAll = () => children.forEach((child) => { try { process.kill(-child.pid!, "SIGKILL"); } catch {} });
process.on("exit", stopAll);
const NO_LIMITS = { REQIO_IDENTIFY_LIMIT_PER_IP: "100000000", REQIO_IDENTIFY_LIMIT_PER_PROJECT: "100000000", REQIO_IDENTIFY_FAILURES_PER_IP: "100000000" };

function start(command: string, args: string[], env: Record<string, string | undefined>) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"], detached: true });
  children.push(child);
  return child;
}

async function untilUp(url: string, anyAnswer = false) {
  for (let i = 0; i < 600; i++) {
    try { if ((await fetch(url)).ok || anyAnswer) return; } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not come up`);
}

function mintFor(env: Record<string, string | undefined>): { projectId: string; token: string; secret: string } {
  const options = { env: { ...process.env, ...env }, encoding: "utf8" as const };
  execFileSync("npm", ["run", "--silent", "db:seed"], { ...options, stdio: "ignore" });
  return JSON.parse(execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/mint-token.ts"], options));
}

type Measured = { rps: number; p99: number; non2xx: number };
async function load(urls: string[], token: string): Promise<Measured> {
  const options = (url: string, duration: number): autocannon.Options => ({
    url, method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token }),
    connections: CONNECTIONS / urls.length, duration,
  });
  await Promise.all(urls.map((url) => autocannon(options(url, 2)))); // warm-up
  const results = await Promise.all(urls.map((url) => autocannon(options(url, seconds))));
  return {
    rps: results.reduce((sum, result) => sum + result.requests.average, 0),
    p99: Math.max(...results.map((result) => result.latency.p99)),
    non2xx: results.reduce((sum, result) => sum + result.non2xx + result.errors, 0),
  };
}

const row = (title: string, m: Measured, floor?: Measured, instances = 1) =>
  console.log(
    `${title.padEnd(44)} ${m.rps.toFixed(0).padStart(7)} req/s  p99 ${String(m.p99).padStart(3)} ms` +
      (floor ? `   ${(m.rps / instances / floor.rps).toFixed(2)}× the floor${instances > 1 ? " per instance" : ""}` : "") +
      (m.non2xx ? `   non-2xx/errors ${m.non2xx}` : ""),
  );

fs.rmSync(tmp, { recursive: true, force: true });
fs.mkdirSync(tmp, { recursive: true });
console.log(`autocannon, ${CONNECTIONS} connections, ${seconds} s each (after 2 s of warm-up), one run on this machine`);

// 1. The embedded default, exactly as `npm run app` serves it (dashboard and identify on one port,
// request log on). Its log goes to /dev/null: the bench measures the server, not a log reader.
const sqliteDir = path.join(tmp, "sqlite");
const sqliteEnv = { E2E_PORT: String(SQLITE_PORT), E2E_DIR: sqliteDir, REQIO_TEST_POSTGRES_URL: "", REQIO_TEST_REDIS_URL: "", ...NO_LIMITS };
execFileSync("bash", ["scripts/e2e-server.sh"], { env: { ...process.env, ...sqliteEnv, E2E_PREPARE_ONLY: "1" }, stdio: "ignore" });
start(process.execPath, ["--import", "tsx", "server/main.ts"], {
  ...sqliteEnv, PORT: String(SQLITE_PORT), APP_URL: `http://localhost:${SQLITE_PORT}`, DATABASE_URL: `file:${sqliteDir}/reqio.db`, REQIO_ENCRYPTION_KEY: undefined, NEXTAUTH_SECRET: undefined,
});
await untilUp(`http://localhost:${SQLITE_PORT}/api/health`);
const sqlite = mintFor({ DATABASE_URL: fs.readFileSync(path.join(sqliteDir, "database-url"), "utf8"), APP_URL: `http://localhost:${SQLITE_PORT}`, REQIO_ENCRYPTION_KEY: undefined, NEXTAUTH_SECRET: undefined });

// 2. The floor, verifying the same token with the same secret and audience.
start(process.execPath, ["bench/floor-server.mjs"], { FLOOR_PORT: String(FLOOR_PORT), FLOOR_SECRET: sqlite.secret, FLOOR_AUDIENCE: `http://localhost:${SQLITE_PORT}/p/${sqlite.projectId}` });
await untilUp(`http://localhost:${FLOOR_PORT}/`, true);

const floor = await load([`http://localhost:${FLOOR_PORT}/`], sqlite.token);
row("floor: node:http + jose", floor);
const embedded = await load([`http://localhost:${SQLITE_PORT}/api/v1/projects/${sqlite.projectId}/identify`], sqlite.token);
row("identify, embedded default (SQLite, one process)", embedded, floor);
stopAll();
children.length = 0;

// 3. PostgreSQL + Redis: two identify-only instances (npm run start:identify) sharing the load.
const adminUrl = process.env.REQIO_TEST_POSTGRES_URL;
const redisUrl = process.env.REQIO_TEST_REDIS_URL;
if (!adminUrl || !redisUrl) {
  console.log("PostgreSQL + Redis: skipped (run through npm run bench:identify, which starts both)");
} else {
  execFileSync(`${process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin"}/psql`, ["-q", adminUrl, "-c", "DROP DATABASE IF EXISTS reqio_bench WITH (FORCE)", "-c", "CREATE DATABASE reqio_bench"]);
  const pgEnv = {
    DATABASE_URL: `${adminUrl.replace(/\/[^/]*$/, "")}/reqio_bench`,
    REDIS_URL: redisUrl,
    APP_URL: `http://localhost:${PG_PORT_A}`,
    REQIO_ENCRYPTION_KEY: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64"),
    NEXTAUTH_SECRET: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64"),
    REQIO_REQUEST_LOG: "on",
    ...NO_LIMITS,
  };
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, ...pgEnv }, stdio: "ignore" });
  const pgToken = mintFor(pgEnv);
  for (const port of [PG_PORT_A, PG_PORT_B]) start(process.execPath, ["--import", "tsx", "server/main.ts", "--identify-only"], { ...pgEnv, PORT: String(port) });
  await Promise.all([PG_PORT_A, PG_PORT_B].map((port) => untilUp(`http://localhost:${port}/api/health`)));
  const urls = [PG_PORT_A, PG_PORT_B].map((port) => `http://localhost:${port}/api/v1/projects/${pgToken.projectId}/identify`);
  const shared = await load(urls, pgToken.token);
  row("identify, PostgreSQL + Redis, 2 instances (total)", shared, floor, 2);
}
console.log("targets: embedded ≥ 0.5× the floor (stretch 0.7), p99 ≤ 20 ms; PostgreSQL + Redis ≥ 0.4× the floor per instance");
stopAll();
process.exit(0);
