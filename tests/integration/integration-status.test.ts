// Verification outcomes are batched into bucketed counters, and the status the page shows is derived from them.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createProject } from "@/lib/projects/projects";
import { BUCKET_MS, flushVerificationStats, recordVerification } from "@/lib/identity/verification-recorder";
import { integrationStatus } from "@/lib/identity/integration-status";
import { createTeamWithOwner } from "../helpers/fixtures";

const user = (id: string, mrrCents: number) => ({ id, email: `${id}@example.com`, plan: "pro", interval: "year" as const, amountCents: mrrCents * 12, mrrCents });

async function newProject() {
  const owner = await createTeamWithOwner("status");
  return (await createProject({ teamId: owner.team.id, name: "Status", actor: owner.actor })).id;
}

describe("verification stats", () => {
  it("stores counts per bucket and code, not one row per request", async () => {
    const projectId = await newProject();
    const now = Date.now();
    for (let i = 0; i < 50; i++) recordVerification(projectId, { code: "ok", environment: "production", ageSeconds: 2, user: user("u1", 1000) }, now);
    for (let i = 0; i < 7; i++) recordVerification(projectId, { code: "audience_mismatch" }, now);
    await flushVerificationStats();
    const rows = await db.verificationCounter.findMany({ where: { projectId } });
    expect(rows.length).toBeLessThanOrEqual(3); // ok, audience_mismatch, one age bin
    expect(rows.find((r) => r.code === "ok")?.count).toBe(50);
    expect(rows.find((r) => r.code === "audience_mismatch")?.count).toBe(7);
    expect(await db.identifiedUser.count({ where: { projectId } })).toBe(1);
  });

  it("sums the last 24 h by code, reports the median age bin, max age and a future iat", async () => {
    const projectId = await newProject();
    const now = Date.now();
    const ages = [0.5, 2, 3, 4, 20, -3];
    for (const ageSeconds of ages) recordVerification(projectId, { code: "ok", environment: "production", ageSeconds, user: user(`u${ageSeconds}`, 2500) }, now);
    recordVerification(projectId, { code: "bad_signature" }, now);
    recordVerification(projectId, { code: "bad_signature" }, now - BUCKET_MS);
    recordVerification(projectId, { code: "token_expired" }, now - 25 * 60 * 60 * 1000); // older than 24 h: not counted
    await flushVerificationStats();
    const status = await integrationStatus(projectId, "production", now);
    expect(status.accepted).toBe(6);
    expect(status.rejected).toEqual([{ cause: "bad_signature", count: 2, lastAt: expect.any(String), example: null }]);
    expect(status.tokenAge).toEqual({ median: "1–5 s", maxSeconds: 20, futureIatSeconds: 3 });
    expect(status.recentUsers).toHaveLength(6);
    expect(status.recentUsers[0]).toMatchObject({ plan: "pro", interval: "year", mrrCents: 2500 });
    expect(status.lastSuccessAt?.getTime()).toBe(now);
  });

  it("counts 24 h in whole buckets: the bucket that starts the window is in, the one before it is out", async () => {
    const projectId = await newProject();
    const now = Date.now();
    const windowStart = now - 24 * 60 * 60 * 1000 - (now % BUCKET_MS);
    recordVerification(projectId, { code: "bad_signature" }, windowStart);
    recordVerification(projectId, { code: "token_expired" }, windowStart - 1);
    await flushVerificationStats();
    const status = await integrationStatus(projectId, "production", now);
    expect(status.rejected.map((reason) => [reason.cause, reason.count])).toEqual([["bad_signature", 1]]);
  });

  it("keeps first-seen and updates last-seen and traits when a user comes back", async () => {
    const projectId = await newProject();
    const t0 = Date.now() - 60_000;
    recordVerification(projectId, { code: "ok", environment: "production", ageSeconds: 1, user: user("same", 1000) }, t0);
    await flushVerificationStats();
    recordVerification(projectId, { code: "ok", environment: "production", ageSeconds: 1, user: user("same", 4000) }, t0 + 30_000);
    await flushVerificationStats();
    const row = await db.identifiedUser.findUniqueOrThrow({ where: { projectId_environment_externalId: { projectId, environment: "production", externalId: "same" } } });
    expect(row.firstSeenAt.getTime()).toBe(t0);
    expect(row.lastSeenAt.getTime()).toBe(t0 + 30_000);
    expect(row.mrrCents).toBe(4000);
  });

  it("an empty project reports nothing", async () => {
    const status = await integrationStatus(await newProject(), "production");
    expect(status).toMatchObject({ accepted: 0, rejected: [], lastSuccessAt: null, recentUsers: [], tokenAge: { median: null } });
  });
});
