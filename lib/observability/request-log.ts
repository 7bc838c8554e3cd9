import http from "node:http";
import { randomBytes } from "node:crypto";
import { log, logTimestamp } from "@/lib/log";

/** What one request's log line holds. Only these fields exist: no query, header, cookie or body. */
export type RequestLogLine = { requestId: string; method: string; route: string; status: number; durationMs: number; aborted?: boolean };

// A path segment is kept only if it reads like one of our static route names (letters and hyphens,
// or "v1"); anything else — project and team IDs, invite tokens, whatever a caller puts there — is
// replaced, so the log holds route shapes, never data.
const STATIC_SEGMENT = /^(?:[a-z]+(?:-[a-z]+)*(?:\.(?:js|svg|ico|txt))?|v\d)$/;

export function routeOfPath(pathname: string): string {
  const segments = pathname.split("/").slice(1);
  return "/" + segments.map((segment) => (segment.length <= 24 && STATIC_SEGMENT.test(segment) ? segment : ":param")).join("/");
}

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;
const SECRET_PREFIX = "rqio_sk_";

// Fresh ids are a random per-process prefix and a counter: unique, and no CSPRNG call per request.
const ID_PREFIX = randomBytes(8).toString("hex");
let sequence = 0;

/**
 * The proxy's X-Request-Id when it is a plain token, else a fresh one (24 hex characters). Never one
 * that looks like a signing secret: it would be echoed in a header and written to the log.
 */
export function requestIdFor(incoming: string | string[] | undefined): string {
  if (typeof incoming === "string" && REQUEST_ID.test(incoming) && !incoming.includes(SECRET_PREFIX)) return incoming;
  sequence = (sequence + 1) % 0x1_0000_0000;
  return ID_PREFIX + sequence.toString(16).padStart(8, "0");
}

// Info lines are written once per event-loop turn, not one write per request: under load a single
// write carries every line of the turn. Errors are still written at once.
let pending: string[] = [];
function flushPending(): void {
  const lines = pending;
  pending = [];
  console.log(lines.join("\n"));
}
function queueInfoLine(line: string): void {
  if (pending.push(line) === 1) setImmediate(flushPending);
}

export function requestLogLine(input: { requestId: string; method: string | undefined; url: string | undefined; status: number; startedAt: number; endedAt: number; finished: boolean }): RequestLogLine | null {
  // Only the path is read, up to the "?": the query string never reaches this function's output.
  const path = (input.url ?? "/").split("?")[0]!;
  if (path.startsWith("/_next/")) return null; // build assets: noise, no data
  const line: RequestLogLine = {
    requestId: input.requestId,
    method: /^[A-Z]{3,7}$/.test(input.method ?? "") ? input.method! : "OTHER",
    route: routeOfPath(path),
    status: input.status,
    durationMs: Math.round((input.endedAt - input.startedAt) * 10) / 10,
  };
  if (!input.finished) line.aborted = true;
  return line;
}

/**
 * The info line, built by hand: every field is already restricted to JSON-safe characters (the id by
 * REQUEST_ID, the method by its pattern, the route by routeOfPath), so nothing needs escaping or redacting.
 */
export function formatRequestLine(line: RequestLogLine): string {
  return `{"time":"${logTimestamp()}","level":"info","message":"request","requestId":"${line.requestId}","method":"${line.method}","route":"${line.route}","status":${line.status},"durationMs":${line.durationMs}${line.aborted ? ',"aborted":true' : ""}}`;
}

// On globalThis: the server entry and Next's bundled copy of this module share one process.
const STARTED = Symbol.for("reqio.requestLog.started");

/**
 * One JSON line per request, written when its response ends, with an X-Request-Id header to match.
 * Hooks the HTTP server's "request" event (as APM agents do): a listener per request, nothing more —
 * Next's OpenTelemetry tracing cost a third of the throughput for the same information.
 */
export function startRequestLog(): void {
  const holder = globalThis as Record<symbol, boolean | undefined>;
  if (holder[STARTED]) return;
  holder[STARTED] = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function emitWithRequestLog(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      const startedAt = performance.now();
      const requestId = requestIdFor(request.headers["x-request-id"]);
      response.setHeader("X-Request-Id", requestId);
      // "close" fires once per response: on() spares once()'s wrapper on every request.
      response.on("close", () => {
        const line = requestLogLine({ requestId, method: request.method, url: request.url, status: response.statusCode, startedAt, endedAt: performance.now(), finished: response.writableFinished });
        if (!line) return;
        if (line.status >= 500) log("error", "request", line);
        else queueInfoLine(formatRequestLine(line));
      });
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}
