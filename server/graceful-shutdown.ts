// SIGTERM/SIGINT: stop accepting, let in-flight requests finish (bounded), then flush what this
// process holds in memory (usage statistics, rate-limit counts) and exit.
import type { Server } from "node:http";
import { withTimeout } from "@/lib/async/with-timeout";
import { describeError, log } from "@/lib/log";

/** In-flight requests get this long to finish before their connections are closed. */
export const DRAIN_MS = 10_000;

export function installGracefulShutdown(server: Server, flush: () => Promise<void>): { isDraining: () => boolean } {
  let draining = false;
  const shutdown = async (signal: string) => {
    if (draining) return;
    draining = true;
    log("info", "shutting down: not accepting new connections, draining", { signal });
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // Keep-alive connections that stay idle after their last response are closed as they go quiet.
    const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
    await withTimeout(closed, DRAIN_MS).catch(() => {
      log("warn", "drain deadline passed: closing the remaining connections", { drainMs: DRAIN_MS });
      server.closeAllConnections();
    });
    clearInterval(idleSweep);
    try {
      await flush();
      log("info", "shut down cleanly");
      process.exit(0);
    } catch (error) {
      log("error", "shutdown flush failed", { error: describeError(error) });
      process.exit(1);
    }
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  return { isDraining: () => draining };
}
