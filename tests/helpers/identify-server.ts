// Starts the real server entry (server/main.ts) in identify-only mode as a child process, with the
// test process's database and keys, and waits until it answers.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";

export type RunningServer = { url: string; port: number; process: ChildProcess; log: () => string; stop: (signal?: NodeJS.Signals) => Promise<number | null> };

/** Ports never shared by the SQLite and PostgreSQL suites, which run side by side. */
export function testPort(offset: number): number {
  return (process.env.REQIO_TEST_POSTGRES_URL ? 4600 : 4300) + offset;
}

export async function startIdentifyServer(port: number, env: Record<string, string | undefined> = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("server/main.ts"), "--identify-only"], {
    env: { ...process.env, NODE_ENV: "production", REQIO_REQUEST_LOG: "off", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 30_000; ; ) {
    if (child.exitCode !== null) throw new Error(`identify server exited with ${child.exitCode}:\n${output}`);
    const up = await new Promise<boolean>((resolve) => {
      http.get(`${url}/widget.js`, (response) => resolve(response.resume() && response.statusCode === 200)).on("error", () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) throw new Error(`identify server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    port,
    process: child,
    log: () => output,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

export type Answer = { status: number; body: any; headers: http.IncomingHttpHeaders; ms: number };

/** One request from a chosen loopback client address, so limits see deterministic clients. */
export function request(
  url: string,
  options: { method?: string; body?: string; headers?: Record<string, string>; from?: string; timeoutMs?: number; agent?: http.Agent } = {},
): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      url,
      {
        method: options.method ?? "POST",
        headers: { "content-type": "application/json", ...options.headers },
        localAddress: options.from ?? "127.0.0.1",
        agent: options.agent,
        timeout: options.timeoutMs ?? 10_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {}
          resolve({ status: response.statusCode ?? 0, body, headers: response.headers, ms: performance.now() - started });
        });
      },
    );
    outgoing.on("timeout", () => outgoing.destroy(new Error(`no answer within ${options.timeoutMs ?? 10_000} ms`)));
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}

export const identifyUrl = (server: { url: string }, projectId: string) => `${server.url}/api/v1/projects/${projectId}/identify`;
