// A PostgreSQL cluster and a Redis server of a test's own, so it can stop, stall (SIGSTOP) and
// restart them without touching the suite's shared ones. Loopback only; removed afterwards.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";
const asRoot = process.getuid?.() === 0;

function asPostgres(command: string, args: string[]): string {
  const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  return execFileSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Every process of a service: the main one and its children (PostgreSQL's backends). */
function processTree(pid: number): number[] {
  let listed = "";
  try {
    listed = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" });
  } catch {} // exit 1: no children
  const children = listed.split("\n").map(Number).filter(Boolean);
  return [pid, ...children.flatMap(processTree)];
}

export async function untilPortAnswers(port: number, up: boolean, deadlineMs = 20_000): Promise<void> {
  for (const deadline = Date.now() + deadlineMs; ; ) {
    const answers = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => resolve(socket.end() && true)).on("error", () => resolve(false));
    });
    if (answers === up) return;
    if (Date.now() > deadline) throw new Error(`port ${port} still ${up ? "closed" : "open"} after ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function throwawayPostgres(port: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reqio-fault-pg-"));
  if (asRoot) execFileSync("chown", ["postgres", dir]);
  const data = path.join(dir, "data");
  asPostgres(`${PG_BIN}/initdb`, ["-D", data, "-U", "reqio", "--auth=trust", "-E", "UTF8", "--locale=C"]);
  // Commits are durable across stop/start (no synchronous_commit=off): a test must not lose its own rows.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const postmasterPid = () => Number(fs.readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
  const signalAll = (signal: NodeJS.Signals) => processTree(postmasterPid()).forEach((pid) => process.kill(pid, signal));
  return {
    url: (database = "postgres") => `postgresql://reqio@127.0.0.1:${port}/${database}`,
    start: () => void asPostgres(`${PG_BIN}/pg_ctl`, ["-D", data, "-l", path.join(dir, "server.log"), "-w", "-o", options, "start"]),
    stop: () => void asPostgres(`${PG_BIN}/pg_ctl`, ["-D", data, "-m", "fast", "-w", "stop"]),
    /** Stalled, not down: every process stops answering but connections stay open. */
    pause: () => signalAll("SIGSTOP"),
    resume: () => signalAll("SIGCONT"),
    remove: () => {
      try {
        asPostgres(`${PG_BIN}/pg_ctl`, ["-D", data, "-m", "immediate", "stop"]);
      } catch {}
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function throwawayRedis(port: number) {
  let child: ChildProcess | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
      await untilPortAnswers(port, true);
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGKILL");
      await exited;
    },
  };
}
