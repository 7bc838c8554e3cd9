// The request log line is built from the method, the path's shape and the status: nothing else can leak.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { formatRequestLine, requestIdFor, type RequestLogLine, requestLogLine, routeOfPath, startRequestLog } from "@/lib/observability/request-log";
import { formatLogLine } from "@/lib/log";

const TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU";

describe("routeOfPath", () => {
  it.each([
    ["/projects/prj_4mVbQ0a1b2c3d4e5f6g7h8/settings/identity", "/projects/:param/settings/identity"],
    ["/api/v1/projects/prj_4mVbQ0a1b2c3d4e5f6g7h8/identify", "/api/v1/projects/:param/identify"],
    ["/teams/cmwuczrhv0047557d22u1dzfx/audit-log", "/teams/:param/audit-log"],
    ["/invite/Zx8_k2LqW9vT4mN7pR1sY6uB3cD5eF0g", "/invite/:param"],
    ["/api/auth/callback/credentials", "/api/auth/callback/credentials"],
    ["/widget.js", "/widget.js"],
    [`/p/${TOKEN}`, "/p/:param"],
    ["/sign-in", "/sign-in"],
  ])("%s -> %s", (path, route) => {
    expect(routeOfPath(path)).toBe(route);
  });
});

describe("requestLogLine", () => {
  it("keeps request id, method, route shape, status and duration; never the query string", () => {
    const line = requestLogLine({ requestId: "abc12345", method: "POST", url: `/api/v1/projects/prj_abcdefghijklmnopqrstuv/identify?token=${TOKEN}&password=hunter2`, status: 401, startedAt: 10, endedAt: 22.34, finished: true });
    expect(line).toEqual({ requestId: "abc12345", method: "POST", route: "/api/v1/projects/:param/identify", status: 401, durationMs: 12.3 });
    expect(JSON.stringify(line)).not.toMatch(/prj_|eyJ|hunter2|token/);
  });

  it("marks aborted responses, refuses odd methods, and skips build assets", () => {
    expect(requestLogLine({ requestId: "abc12345", method: "G<x>", url: "/", status: 200, startedAt: 0, endedAt: 1, finished: false })).toMatchObject({ method: "OTHER", aborted: true });
    expect(requestLogLine({ requestId: "abc12345", method: "GET", url: "/_next/static/chunks/a.js", status: 200, startedAt: 0, endedAt: 1, finished: true })).toBeNull();
  });

  it("reuses a plain X-Request-Id from the proxy, and replaces anything else", () => {
    expect(requestIdFor("req-0123456789")).toBe("req-0123456789");
    expect(requestIdFor("bad id with spaces")).toMatch(/^[0-9a-f]{24}$/);
    expect(requestIdFor(undefined)).toMatch(/^[0-9a-f]{24}$/);
  });

  it("never adopts an X-Request-Id that looks like a signing secret (it would be echoed and logged)", () => {
    const secretLike = "rqio_sk_7hQ3nB9xK2mV5cR8tY1uW4pL6sD0fG3jZ9aE2iO5r";
    expect(requestIdFor(secretLike)).toMatch(/^[0-9a-f]{24}$/);
  });

  it("formats the info line by hand exactly as the generic log line would", () => {
    const lines: RequestLogLine[] = [
      { requestId: "req-0123456789", method: "POST", route: "/api/v1/projects/:param/identify", status: 200, durationMs: 0.4 },
      { requestId: "0123456789abcdef01234567", method: "OTHER", route: "/", status: 404, durationMs: 12, aborted: true },
    ];
    for (const line of lines) {
      const fast = JSON.parse(formatRequestLine(line));
      const generic = JSON.parse(formatLogLine("info", "request", line));
      expect({ ...fast, time: "t" }).toEqual({ ...generic, time: "t" });
      expect(Object.keys(fast)).toEqual(Object.keys(generic));
      expect(Date.parse(fast.time)).toBeGreaterThan(0);
    }
  });
});

describe("startRequestLog on a real HTTP server", () => {
  let server: http.Server;
  let base = "";
  const lines: string[] = [];
  beforeAll(async () => {
    // Lines of one event-loop turn arrive in one write.
    vi.spyOn(console, "log").mockImplementation((chunk: string) => void lines.push(...chunk.split("\n")));
    startRequestLog();
    server = http.createServer((_request, response) => response.writeHead(204).end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => server.close());

  it("writes one line per request with the id it sent back, and nothing from the URL's data", async () => {
    const response = await fetch(`${base}/invite/Zx8_k2LqW9vT4mN7pR1sY6uB3cD5eF0g?callbackUrl=${TOKEN}`, { headers: { cookie: "next-auth.session-token=secret-cookie" } });
    expect(response.status).toBe(204);
    const requestEntries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.message === "request");
    await vi.waitFor(() => expect(requestEntries()).toHaveLength(1));
    const entries = requestEntries();
    expect(entries[0]).toMatchObject({ level: "info", method: "GET", route: "/invite/:param", status: 204, requestId: response.headers.get("x-request-id") });
    expect(lines.join("\n")).not.toMatch(/Zx8_k2|eyJ|secret-cookie|callbackUrl/);
  });
});
