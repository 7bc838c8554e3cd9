// Prints the Identity page's server render time (median of 150 warm requests) next to /account's, measured
// in the same run and interleaved so both see the same machine load, their ratio, the server CPU each costs
// (steadier than wall time on a busy machine) and the Identity route's first-load JS. Needs `npm run build` first.
// Usage: node bench/identity-page.mjs
import { spawn, execFileSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

const port = Number(process.env.BENCH_PORT ?? 3201);
const base = `http://localhost:${port}`;
// One directory per port: two benches (or engineers) running at once never share a database.
const dir = path.resolve(`tests/.tmp/bench-${port}`);
const env = { ...process.env, E2E_PORT: String(port), E2E_DIR: dir };

const server = spawn("bash", ["scripts/e2e-server.sh"], { env, stdio: ["ignore", "ignore", "inherit"], detached: true });
const signal = (name) => { try { process.kill(-server.pid, name); } catch {} };
const stop = () => signal("SIGTERM");
process.on("exit", stop);
const exited = new Promise((resolve) => server.once("exit", resolve));

async function waitForServer() {
  for (let i = 0; i < 240; i++) {
    try { if ((await fetch(`${base}/sign-in`)).ok) return; } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("server did not start");
}

function cookieHeader(response, jar) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const [name, ...value] = pair.split("=");
    jar.set(name, value.join("="));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

async function signIn(email, password) {
  const jar = new Map();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = await csrf.json();
  let cookie = cookieHeader(csrf, jar);
  const body = new URLSearchParams({ csrfToken, email, password, json: "true" });
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST", body, redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
  });
  cookie = cookieHeader(res, jar);
  if (!cookie.includes("session-token")) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

await waitForServer();
execFileSync("npm", ["run", "--silent", "db:seed"], { env: { ...env, DATABASE_URL: `file:${dir}/reqio.db` }, stdio: "ignore" });
const db = new Database(path.join(dir, "reqio.db"), { readonly: true });
const { id: projectId } = db.prepare("SELECT id FROM Project LIMIT 1").get();
db.close();
const cookie = await signIn("demo@reqio.dev", "calm-harbor-2026");
const url = `${base}/projects/${projectId}/settings/identity`;

const accountUrl = `${base}/account`;

/** One warm request, full body read; returns its wall time in ms. */
async function timed(target) {
  const start = performance.now();
  const res = await fetch(target, { headers: { cookie } });
  await res.arrayBuffer();
  return performance.now() - start;
}

let html = "";
for (let i = 0; i < 30; i++) {
  html = await (await fetch(url, { headers: { cookie } })).text(); // warm-up: JIT, highlighter, caches
  await timed(accountUrl);
}
if (!html.includes(projectId)) throw new Error("not the Identity page");
if (!(await (await fetch(accountUrl, { headers: { cookie } })).text()).includes("Change password")) throw new Error("not the Account page");
// The server's own CPU time (user + system, Linux /proc), which other load on the machine inflates far
// less than wall time: e2e-server.sh execs node, so the spawned pid is the server's.
function serverCpuMs() {
  try {
    const fields = fs.readFileSync(`/proc/${server.pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms (USER_HZ 100)
  } catch {
    return null;
  }
}

const samples = [];
const accountSamples = [];
const cpu = { identity: 0, account: 0 };
async function measured(target, key) {
  const before = serverCpuMs();
  const ms = await timed(target);
  const after = serverCpuMs();
  if (before !== null && after !== null) cpu[key] += after - before;
  return ms;
}
// Interleaved, so a burst of load from elsewhere on the machine hits both series alike.
// 150 pairs: fewer left the ratio swinging by ±0.2 between runs on this machine.
const PAIRS = Number(process.env.BENCH_PAIRS ?? 150);
for (let i = 0; i < PAIRS; i++) {
  samples.push(await measured(url, "identity"));
  accountSamples.push(await measured(accountUrl, "account"));
}
samples.sort((a, b) => a - b);
accountSamples.sort((a, b) => a - b);
const median = (sorted) => (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;

const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]))];
let raw = 0, gzip = 0, shikiInClient = false;
for (const src of scripts) {
  const bytes = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
  raw += bytes.length;
  gzip += gzipSync(bytes).length;
  shikiInClient ||= /codeToHtml|createHighlighterCore|tm-grammar/.test(bytes.toString("utf8"));
}

console.log(`Identity page server render (${samples.length} warm requests, full response on loopback):`);
console.log(`  median ${median(samples).toFixed(1)} ms   p90 ${percentile(samples, 0.9).toFixed(1)} ms   min ${samples[0].toFixed(1)} ms   max ${samples.at(-1).toFixed(1)} ms`);
console.log(`  HTML ${(Buffer.byteLength(html) / 1024).toFixed(1)} KiB`);
console.log(`/account server render (same run, interleaved):`);
console.log(`  median ${median(accountSamples).toFixed(1)} ms   p90 ${percentile(accountSamples, 0.9).toFixed(1)} ms   min ${accountSamples[0].toFixed(1)} ms`);
const ratio = median(samples) / median(accountSamples);
console.log(`Identity / account median ratio: ${ratio.toFixed(2)} (target <= 1.5)`);
if (cpu.account > 0) {
  console.log(`Server CPU per request (user + system): Identity ${(cpu.identity / samples.length).toFixed(1)} ms, /account ${(cpu.account / accountSamples.length).toFixed(1)} ms, ratio ${(cpu.identity / cpu.account).toFixed(2)}`);
}
console.log(`First-load JS of /projects/[projectId]/settings/identity: ${scripts.length} scripts, ${(raw / 1024).toFixed(1)} KiB raw, ${(gzip / 1024).toFixed(1)} KiB gzip`);
console.log(`  shiki code in those scripts: ${shikiInClient ? "YES (should not be)" : "none"}`);
// A server that doesn't finish its graceful shutdown promptly is killed, never left running.
stop();
const force = setTimeout(() => signal("SIGKILL"), 5000);
await exited;
clearTimeout(force);
process.exit(0);
