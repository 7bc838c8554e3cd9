// The Reqio server: `npm start` (dashboard + identify on one port) or `npm run start:identify`
// (identify and /widget.js only, so a deployment can scale the public API apart from the dashboard).
import http from "node:http";
import { serverConfig } from "@/lib/config/server-config";
import { ConfigError } from "@/lib/config/errors";
import type { NextHandler } from "./request-listener";

// A log reader that went away (its pipe closed, e.g. with the process group on shutdown) must not
// turn every later log line into an uncaught EPIPE that is itself logged, in a loop.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);

const identifyOnly = process.argv.includes("--identify-only");
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);

function fail(message: string): never {
  console.error(`Reqio cannot start: ${message}`);
  process.exit(1);
}

if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT "${process.env.PORT}" is not a port number (0–65535).`);
try {
  serverConfig();
  if (identifyOnly) await (await import("@/lib/health/startup-check")).checkDatabaseReady();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
// Imported only now: this graph opens the database, which needs the validated configuration.
const { startRequestLog } = await import("@/lib/observability/request-log");
const { createRequestListener } = await import("./request-listener");
const { loadWidgetAsset } = await import("./widget-route");
const { installGracefulShutdown } = await import("./graceful-shutdown");
const { flushProcessState } = await import("./flush-process-state");

// Started here, before Next loads, in both modes (Next's boot finds it running): its hot path then
// uses the clock as it was before Next wraps Date.
if (process.env.REQIO_REQUEST_LOG !== "off") startRequestLog();

let next: NextHandler | undefined;
let upgrade: ((request: http.IncomingMessage, socket: import("node:stream").Duplex, head: Buffer) => void) | undefined;
let closeNext = async () => {};
if (!identifyOnly) {
  (process.env as Record<string, string | undefined>).NODE_ENV ??= dev ? "development" : "production";
  const { default: createNextServer } = await import("next");
  // Next's own boot (instrumentation.ts) validates the database and starts the expiry sweep.
  const app = createNextServer({ dev, dir: process.cwd(), port });
  await app.prepare();
  next = app.getRequestHandler() as NextHandler;
  if (dev) upgrade = app.getUpgradeHandler() as typeof upgrade; // hot reload
  closeNext = () => app.close();
}

const server = http.createServer();
const shutdown = installGracefulShutdown(server, async () => {
  await flushProcessState();
  await closeNext();
});
server.on("request", createRequestListener({ widget: loadWidgetAsset(), next, isDraining: shutdown.isDraining }));
server.on("upgrade", upgrade ?? ((_request, socket) => socket.destroy()));
server.listen(port, () => {
  const what = identifyOnly ? "identify endpoint and /widget.js" : "dashboard, identify endpoint and /widget.js";
  console.log(`Reqio ${dev ? "(development) " : ""}listening on http://localhost:${port}: ${what}`);
});
