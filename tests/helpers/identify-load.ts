// Bounded identify load for fault tests: `concurrency` loops post until `stop()` says so, recording
// every answer (status and time) or transport error.
import http from "node:http";
import { request, type Answer } from "./identify-server";

export type LoadTarget = { url: string; body: string };
export type LoadRecord = { target: number; status: number; ms: number; code?: string; error?: string; at: number };

export function startLoad(targets: LoadTarget[], options: { concurrency: number; from?: string }) {
  const records: LoadRecord[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  let running = true;
  const loop = async (worker: number) => {
    for (let i = worker; running; i += options.concurrency) {
      const target = i % targets.length;
      const { url, body } = targets[target]!;
      const at = Date.now();
      try {
        const answer: Answer = await request(url, { body, agent, from: options.from, timeoutMs: 5_000 });
        records.push({ target, status: answer.status, ms: answer.ms, code: answer.body?.error?.code, at });
      } catch (error) {
        records.push({ target, status: 0, ms: Date.now() - at, error: (error as Error).message, at });
      }
    }
  };
  const workers = Array.from({ length: options.concurrency }, (_, worker) => loop(worker));
  return {
    records,
    /** Resolves once `count` more answers have arrived. */
    async answered(count: number, deadlineMs = 30_000): Promise<void> {
      const target = records.length + count;
      for (const deadline = Date.now() + deadlineMs; records.length < target; ) {
        if (Date.now() > deadline) throw new Error(`only ${records.length} of ${target} answers within ${deadlineMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async stop(): Promise<LoadRecord[]> {
      running = false;
      await Promise.all(workers);
      agent.destroy();
      return records;
    },
  };
}
