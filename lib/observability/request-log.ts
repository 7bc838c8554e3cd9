import { context, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider, type ReadableSpan, type SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { log } from "@/lib/log";

/** What one request's log line holds. Only these fields exist: no URL, query, header, cookie or body. */
export type RequestLogLine = { requestId: string; method: string; route: string; status: number; durationMs: number; rsc?: boolean };

const HANDLE_REQUEST = "BaseServer.handleRequest";

/**
 * Next.js reports every request as an OpenTelemetry span ("BaseServer.handleRequest") carrying the
 * route pattern and the status. This turns each into one JSON line. The route is the pattern
 * (`/api/v1/projects/[projectId]/identify`), never the path: IDs, tokens in query strings and
 * callback URLs can't reach the log because they are never read.
 */
export function requestLogLine(span: ReadableSpan): RequestLogLine | null {
  const attributes = span.attributes;
  // One line per request: Next runs handleRequest twice when proxy.ts lets a request through (the
  // proxy pass, then the render pass); only the render pass matches a route. Static files aren't logged.
  const route = attributes["next.route"];
  if (attributes["next.span_type"] !== HANDLE_REQUEST || typeof route !== "string") return null;
  const status = attributes["http.status_code"];
  const method = attributes["http.method"];
  if (typeof status !== "number" || typeof method !== "string") return null;
  const [seconds, nanos] = span.duration;
  const line: RequestLogLine = {
    requestId: span.spanContext().traceId,
    method: /^[A-Z]{3,7}$/.test(method) ? method : "OTHER",
    route,
    status,
    durationMs: Math.round((seconds * 1e3 + nanos / 1e6) * 10) / 10,
  };
  if (attributes["next.rsc"] === true) line.rsc = true;
  return line;
}

class RequestLogProcessor implements SpanProcessor {
  onStart(): void {}
  onEnd(span: ReadableSpan): void {
    const line = requestLogLine(span);
    if (line) log(line.status >= 500 ? "error" : "info", "request", line);
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Registers the tracer Next.js reports requests to; call once at boot (instrumentation.ts). */
export function startRequestLog(): void {
  // Context propagation lets Next attach the matched route to the request's root span.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new RequestLogProcessor()] }));
}
