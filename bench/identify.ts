// Throughput and p99 of POST /identify versus a trivial JSON route handler in the same server,
// same run, 50 connections (autocannon). Needs `npm run build` first. Usage: npm run bench:identify
// On PostgreSQL (rate limits in the database): bash scripts/with-postgres.sh npm run bench:identify
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { SignJWT } from "jose";

const port = Number(process.env.BENCH_PORT ?? 3202);
const base = `http://localhost:${port}`;
const dir = path.resolve("tests/.tmp/bench-identify");
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
process.env.DATABASE_URL = `file:${dir}/reqio.db`;

const server = spawn("bash", ["scripts/e2e-server.sh"], {
  env: {
    ...process.env,
    E2E_PORT: String(port),
    E2E_DIR: dir,
    // The benchmark measures verification, not the limiter's refusals.
    REQIO_IDENTIFY_LIMIT_PER_IP: "100000000",
    REQIO_IDENTIFY_LIMIT_PER_PROJECT: "100000000",
  },
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});
// SIGKILL: a server still draining 50 connections (and its log pipe) would otherwise linger and skew the next run.
const stop = () => { try { process.kill(-server.pid!, "SIGKILL"); } catch {} };
process.on("exit", stop);

for (let i = 0; i < 240; i++) {
  try { if ((await fetch(`${base}/api/v1/ping`)).ok) break; } catch {}
  await new Promise((r) => setTimeout(r, 250));
}
if (process.env.REQIO_TEST_POSTGRES_URL) {
  // scripts/e2e-server.sh made a PostgreSQL database and keys for the server: use the same ones.
  Object.assign(process.env, JSON.parse(fs.readFileSync(path.join(dir, "instance.json"), "utf8")));
}
execFileSync("npm", ["run", "--silent", "db:seed"], { env: process.env, stdio: "ignore" });

// Same process env as the server's files, so lib/ opens the same database and key file.
const { db } = await import("@/lib/db");
const { decryptCurrentSecret } = await import("@/lib/identity/secret-store");
const project = await db.project.findFirstOrThrow({ select: { id: true } });
const { secret } = await decryptCurrentSecret(project.id);
const now = Math.floor(Date.now() / 1000);
const token = await new SignJWT({ sub: "bench_user", email: "bench@example.com", traits: { plan: "pro", amount: 29900, interval: "year" } })
  .setProtectedHeader({ alg: "HS256" })
  .setAudience(`http://localhost:${port}/p/${project.id}`)
  .setIssuedAt(now)
  .setExpirationTime(now + 300)
  .sign(new TextEncoder().encode(secret));

const identifyUrl = `${base}/api/v1/projects/${project.id}/identify`;
const check = await fetch(identifyUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token }) });
if (check.status !== 200) throw new Error(`identify answered ${check.status}: ${await check.text()}`);

async function run(title: string, options: autocannon.Options) {
  await autocannon({ ...options, connections: 50, duration: 2 }); // warm-up
  const result = await autocannon({ ...options, connections: 50, duration: seconds });
  const non2xx = result.non2xx + result.errors;
  console.log(`${title.padEnd(22)} ${result.requests.average.toFixed(0).padStart(7)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   non-2xx/errors ${non2xx}`);
  return result;
}

const database = process.env.DATABASE_URL!.startsWith("file:") ? "SQLite, in-memory rate limits" : "PostgreSQL, rate limits in the database";
console.log(`autocannon, 50 connections, ${seconds} s each, against next start on ${base} (${database})`);
const trivial = await run("GET /api/v1/ping", { url: `${base}/api/v1/ping` });
const identify = await run("POST …/identify", {
  url: identifyUrl,
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ token }),
});
console.log(`identify / trivial throughput ratio: ${(identify.requests.average / trivial.requests.average).toFixed(2)} (target ≥ 0.60)`);
await db.$disconnect();
stop();
process.exit(0);
