// The identify endpoint as served by the real server entry (identify-only mode) on this file's
// database: contract, client addresses, budgets, and a SIGTERM under load.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { identifyUrl, request, startIdentifyServer, testPort, type RunningServer } from "../helpers/identify-server";
import { startLoad } from "../helpers/identify-load";
import { projectWithToken } from "../helpers/identify-tokens";

const APP_URL = "http://localhost:3000";
const LIMITS = { REQIO_IDENTIFY_LIMIT_PER_IP: "40", REQIO_IDENTIFY_FAILURES_PER_IP: "30", REQIO_IDENTIFY_LIMIT_PER_PROJECT: "60", APP_URL };

const post = (server: RunningServer, projectId: string, token: string, from: string, headers?: Record<string, string>) =>
  request(identifyUrl(server, projectId), { body: JSON.stringify({ token }), from, headers });

let server: RunningServer;
beforeAll(async () => {
  server = await startIdentifyServer(testPort(1), LIMITS);
});
afterAll(async () => {
  await server?.stop();
});

describe("identify on the node:http server", () => {
  it("answers a valid token, the preflight, a wrong method and a malformed path without a 5xx", async () => {
    const project = await projectWithToken("contract", APP_URL);
    const ok = await post(server, project.id, await project.mint(), "127.0.0.2");
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ ok: true, environment: "production", user: { id: "user_1", email: "user_1@example.com", plan: null, interval: null, mrrCents: null } });
    expect(ok.headers["access-control-allow-origin"]).toBe("*");
    expect(ok.headers["cache-control"]).toBe("no-store");
    expect(ok.headers["set-cookie"]).toBeUndefined();

    const preflight = await request(identifyUrl(server, project.id), { method: "OPTIONS", from: "127.0.0.2" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-methods"]).toBe("POST, OPTIONS");

    const get = await request(identifyUrl(server, project.id), { method: "GET", from: "127.0.0.2" });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe("POST, OPTIONS");

    const malformed = await request(`${server.url}/api/v1/projects/%E0%A4%A/identify`, { body: "{}", from: "127.0.0.2" });
    expect(malformed.status).toBe(404);
    expect(malformed.body.error.code).toBe("project_not_found");
    expect(malformed.headers["access-control-allow-origin"]).toBe("*");
  });

  it("serves /widget.js from memory with its cross-origin headers, gzip and revalidation", async () => {
    const first = await request(`${server.url}/widget.js`, { method: "GET" });
    expect(first.status).toBe(200);
    expect(first.headers["content-type"]).toBe("application/javascript; charset=UTF-8");
    expect(first.headers["access-control-allow-origin"]).toBe("*");
    expect(first.headers["cross-origin-resource-policy"]).toBe("cross-origin");
    expect(String(first.body)).toContain("window");
    const gzip = await request(`${server.url}/widget.js`, { method: "GET", headers: { "accept-encoding": "gzip" } });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    const again = await request(`${server.url}/widget.js`, { method: "GET", headers: { "if-none-match": String(first.headers.etag) } });
    expect(again.status).toBe(304);
  });

  it("limits by the socket's address: a fresh X-Forwarded-For per request does not reset the budget", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) {
      statuses.push((await post(server, "prj_0000000000000000000000", "x", "127.0.0.3", { "x-forwarded-for": `203.0.113.${i}` })).status);
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.slice(0, 30).every((status) => status === 404)).toBe(true);
  });

  it("a junk flood on a project from many clients leaves its valid tokens at 200", async () => {
    const project = await projectWithToken("flood", APP_URL);
    // 20 clients × 35 junk posts (past their failure budget of 30): far past the project's budget of 60 had junk been charged to it.
    for (let client = 10; client < 30; client++) {
      await Promise.all(Array.from({ length: 35 }, () => post(server, project.id, "junk.junk.junk", `127.0.1.${client}`)));
    }
    const valid = await post(server, project.id, await project.mint(), "127.0.2.1");
    expect(valid.status).toBe(200);
    // A client over its failure budget is refused, with the reason and when to retry.
    const flooder = await post(server, project.id, await project.mint(), "127.0.1.10");
    expect(flooder.status).toBe(429);
    expect(flooder.body.error.message).toContain("rejected identify requests");
    expect(Number(flooder.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("the project's budget is spent by tokens that verify", async () => {
    const project = await projectWithToken("budget", APP_URL);
    const token = await project.mint();
    const statuses = await Promise.all(Array.from({ length: 70 }, (_, i) => post(server, project.id, token, `127.0.3.${i}`).then((a) => a.status)));
    expect(statuses.filter((status) => status === 200)).toHaveLength(60);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
  });
});

describe("graceful shutdown", () => {
  it("exits cleanly on SIGTERM even when whoever read its log has gone (a closed pipe)", async () => {
    const orphan = await startIdentifyServer(testPort(3), LIMITS);
    orphan.process.stdout!.destroy();
    orphan.process.stderr!.destroy();
    expect(await orphan.stop("SIGTERM")).toBe(0);
  });

  it("SIGTERM under load: in-flight requests finish, the process exits 0, and every accepted verification is counted", async () => {
    const project = await projectWithToken("sigterm", APP_URL);
    const victim = await startIdentifyServer(testPort(2), { ...LIMITS, REQIO_IDENTIFY_LIMIT_PER_IP: "100000", REQIO_IDENTIFY_LIMIT_PER_PROJECT: "100000" });
    const load = startLoad([{ url: identifyUrl(victim, project.id), body: JSON.stringify({ token: await project.mint() }) }], { concurrency: 20, from: "127.0.4.1" });
    await load.answered(300);
    const exitCode = await victim.stop("SIGTERM");
    const records = await load.stop();
    expect(exitCode, victim.log()).toBe(0);
    const accepted = records.filter((record) => record.status === 200).length;
    expect(accepted).toBeGreaterThanOrEqual(300);
    expect(records.filter((record) => record.status !== 200 && record.status !== 0)).toEqual([]);
    const counted = await db.verificationCounter.aggregate({ where: { projectId: project.id, code: "ok" }, _sum: { count: true } });
    expect(counted._sum.count).toBe(accepted);
  });
});
