// The request log line is built from a whitelist of span attributes: nothing else can leak into it.
import { describe, expect, it } from "vitest";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { requestLogLine } from "@/lib/observability/request-log";

const TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU";

function span(attributes: Record<string, unknown>, duration: [number, number] = [0, 12_345_678]): ReadableSpan {
  return { attributes, duration, spanContext: () => ({ traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "b7ad6b7169203331", traceFlags: 1 }) } as unknown as ReadableSpan;
}

describe("requestLogLine", () => {
  it("keeps request id, method, route pattern, status and duration, and nothing else", () => {
    const line = requestLogLine(
      span({
        "next.span_type": "BaseServer.handleRequest",
        "http.method": "POST",
        "http.target": `/api/v1/projects/prj_abc/identify?token=${TOKEN}`,
        "http.status_code": 401,
        "next.route": "/api/v1/projects/[projectId]/identify",
        "http.request.header.cookie": "next-auth.session-token=abc",
      }),
    );
    expect(line).toEqual({ requestId: "0af7651916cd43dd8448eb211c80319c", method: "POST", route: "/api/v1/projects/[projectId]/identify", status: 401, durationMs: 12.3 });
    expect(JSON.stringify(line)).not.toMatch(/prj_abc|eyJ|session-token|token=/);
  });

  it("marks RSC requests and refuses odd methods", () => {
    const line = requestLogLine(span({ "next.span_type": "BaseServer.handleRequest", "http.method": "G<script>", "http.status_code": 200, "next.route": "/teams/[teamId]", "next.rsc": true }));
    expect(line).toMatchObject({ method: "OTHER", route: "/teams/[teamId]", rsc: true });
  });

  it("ignores every other span, and the proxy pass that has no route", () => {
    expect(requestLogLine(span({ "next.span_type": "AppRender.getBodyResult", "http.method": "GET", "http.status_code": 200, "next.route": "/x" }))).toBeNull();
    expect(requestLogLine(span({ "next.span_type": "BaseServer.handleRequest", "http.method": "GET", "http.status_code": 200 }))).toBeNull();
  });
});
