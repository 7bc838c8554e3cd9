// The Identity page's live status: who may read it (the route's logic in lib/, no HTTP), what the JSON
// holds, and that a previous secret past its expiresAt is reported gone by a read that writes nothing.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createProject } from "@/lib/projects/projects";
import { rotateIdentitySecret } from "@/lib/identity/secret-rotation";
import { flushVerificationStats, recordVerification } from "@/lib/identity/verification-recorder";
import { identityLiveStatus, liveStatusResponse } from "@/lib/identity/integration-status";
import { PROJECT_NOT_FOUND } from "@/lib/authz/access";
import { GET } from "@/app/api/v1/projects/[projectId]/integration-status/route";
import { addMember, createTeamWithOwner, createUser, environmentSecrets } from "../helpers/fixtures";

// Only the session lookup is mocked (who is calling the route handler); the database and checks are real.
const caller = vi.hoisted(() => ({ user: null as { id: string; email: string; name: string } | null }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => caller.user }));

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
let ours: Awaited<ReturnType<typeof createTeamWithOwner>>;
let theirs: Awaited<ReturnType<typeof createTeamWithOwner>>;
let admin: { id: string; email: string; name: string };
let member: { id: string; email: string; name: string };
let projectId: string;

beforeAll(async () => {
  ours = await createTeamWithOwner("status-owner");
  theirs = await createTeamWithOwner("status-stranger");
  [admin, member] = await Promise.all([createUser("status-admin"), createUser("status-member")]);
  await addMember(ours.team.id, admin.id, "admin");
  await addMember(ours.team.id, member.id, "member");
  projectId = (await createProject({ teamId: ours.team.id, name: "Live", actor: ours.actor })).id;
  await createProject({ teamId: theirs.team.id, name: "Theirs", actor: theirs.actor });
  recordVerification(projectId, {
    code: "ok",
    environment: "production",
    ageSeconds: 2,
    user: { id: "user_1", email: "u1@example.com", plan: "pro", interval: "month", amountCents: 2900, mrrCents: 2900 },
  });
  recordVerification(projectId, { code: "bad_signature" });
  await flushVerificationStats();
});

describe("who may read a project's live status", () => {
  it("every role of the project's team: 200 with the status", async () => {
    for (const user of [ours.user, admin, member]) {
      const response = await liveStatusResponse(user.id, projectId, "production");
      expect(response.status, user.name).toBe(200);
      expect(response.body).toMatchObject({ integration: { accepted: 1, rejected: [{ cause: "bad_signature", count: 1, lastAt: expect.any(String), example: null }] }, previous: null });
    }
  });

  it("another team's user: 404, the same answer as a project that doesn't exist", async () => {
    const stranger = await liveStatusResponse(theirs.user.id, projectId, "production");
    const missing = await liveStatusResponse(theirs.user.id, "prj_0000000000000000000000", "production");
    expect(stranger).toEqual({ status: 404, body: { ok: false, error: { code: "not_found", message: PROJECT_NOT_FOUND } } });
    expect(missing).toEqual(stranger);
  });

  it("signed out: 401", async () => {
    expect(await liveStatusResponse(null, projectId, "production")).toMatchObject({ status: 401, body: { ok: false, error: { code: "signed_out" } } });
  });
});

describe("GET /api/v1/projects/{id}/integration-status", () => {
  async function get(user: typeof caller.user, id = projectId) {
    caller.user = user;
    try {
      return await GET(new Request(`http://localhost/api/v1/projects/${id}/integration-status`), { params: Promise.resolve({ projectId: id }) });
    } finally {
      caller.user = null;
    }
  }

  it("answers JSON that no cache may store, dates as ISO strings", async () => {
    const response = await get(member);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-type")).toContain("application/json");
    const body = await response.json();
    expect(body.generatedAt).toMatch(ISO);
    expect(body.integration.lastSuccessAt).toMatch(ISO);
    expect(body.integration.recentUsers).toEqual([expect.objectContaining({ id: "user_1", mrrCents: 2900, lastSeenAt: expect.stringMatching(ISO) })]);
  });

  it("401 and 404 are JSON too, and not stored either", async () => {
    for (const [user, status] of [[null, 401], [theirs.user, 404]] as const) {
      const response = await get(user);
      expect(response.status).toBe(status);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.json()).toMatchObject({ ok: false, error: { code: status === 401 ? "signed_out" : "not_found" } });
    }
  });
});

describe("the previous secret in the live status", () => {
  it("is reported during its grace period and gone at expiresAt, before any sweep, by a read that writes nothing", async () => {
    const owner = await createTeamWithOwner("status-grace");
    const { id } = await createProject({ teamId: owner.team.id, name: "Grace", actor: owner.actor });
    const { currentSecretId } = await environmentSecrets(id);
    const t0 = new Date(Date.now() - 60_000);
    await rotateIdentitySecret({ environment: "production", projectId: id, teamId: owner.team.id, expectedSecretId: currentSecretId!, actor: owner.actor, grace: "1h", now: t0 });

    const during = await identityLiveStatus(id, "production", new Date(t0.getTime() + 59 * 60_000));
    expect(during.previous).toMatchObject({ id: currentSecretId, expiresAt: new Date(t0.getTime() + 3_600_000).toISOString(), lastUsedAt: null, tokensLastHour: 0 });

    const auditBefore = await db.auditEvent.count({ where: { projectId: id } });
    const after = await identityLiveStatus(id, "production", new Date(t0.getTime() + 3_600_000));
    expect(after.previous).toBeNull();
    // Still the sweep's job: the row keeps its ciphertext and no audit event was written by the read.
    const row = await db.identitySecret.findUniqueOrThrow({ where: { id: currentSecretId! }, omit: { ciphertext: false } });
    expect(row).toMatchObject({ retiredAt: null });
    expect(row.ciphertext).not.toBeNull();
    expect((await environmentSecrets(id)).previousSecretId).toBe(currentSecretId);
    expect(await db.auditEvent.count({ where: { projectId: id } })).toBe(auditBefore);
  });

  it("counts the tokens it verified in the last hour and when it was last used", async () => {
    const owner = await createTeamWithOwner("status-usage");
    const { id } = await createProject({ teamId: owner.team.id, name: "Usage", actor: owner.actor });
    const { currentSecretId } = await environmentSecrets(id);
    const rotated = await rotateIdentitySecret({ environment: "production", projectId: id, teamId: owner.team.id, expectedSecretId: currentSecretId!, actor: owner.actor, grace: "24h" });
    const now = Date.now();
    recordVerification(id, { code: "ok", environment: "production", ageSeconds: 1, secretId: currentSecretId! }, now - 2 * 60 * 60 * 1000); // over an hour ago: not counted
    for (let i = 0; i < 3; i++) recordVerification(id, { code: "ok", environment: "production", ageSeconds: 1, secretId: currentSecretId! }, now);
    recordVerification(id, { code: "ok", environment: "production", ageSeconds: 1, secretId: rotated.summary.id }, now);
    await flushVerificationStats();
    const { previous, integration } = await identityLiveStatus(id, "production", new Date(now));
    expect(integration.accepted).toBe(5);
    expect(previous).toMatchObject({ id: currentSecretId, tokensLastHour: 3, lastUsedAt: new Date(now).toISOString(), newSecretInUse: true, looksSafeToExpire: false });
  });
});
