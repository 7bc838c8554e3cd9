// "Expire now" and "Delete project" as the server actions decide them: a previous secret that verified a
// token in the last 10 minutes expires only with the project's name typed, and deleting a project needs
// a password confirmed in the last 5 minutes. Plus the usage the dialogs show, from the real counters.
// Mocked, as in the authorization matrix: only the session lookup, next/cache and the request's cookies.
import { describe, expect, it, vi } from "vitest";
import { callAs, type Caller } from "../helpers/request-mocks";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { confirmPassword } from "@/lib/auth/reauth";
import { createProject } from "@/lib/projects/projects";
import { rotateIdentitySecret } from "@/lib/identity/secret-rotation";
import { flushVerificationStats, recordVerification, BUCKET_MS } from "@/lib/identity/verification-recorder";
import { projectIdentityUsage } from "@/lib/identity/secret-usage";
import { identityLiveStatus } from "@/lib/identity/integration-status";
import { expirePreviousSecretAction } from "@/app/(dashboard)/projects/[projectId]/settings/identity/actions";
import { deleteProjectAction } from "@/app/(dashboard)/projects/[projectId]/settings/actions";
import { createTeamWithOwner, type TestUser, environmentSecrets } from "../helpers/fixtures";

const caller = vi.hoisted((): Caller => ({ user: null, cookies: new Map() }));
vi.mock("@/lib/auth/session", async () => (await import("../helpers/request-mocks")).sessionMock(caller));
vi.mock("next/cache", async () => (await import("../helpers/request-mocks")).cacheMock());
vi.mock("next/headers", async () => (await import("../helpers/request-mocks")).headersMock(caller));

const PASSWORD = "deliberate-password-2026";
const MINUTE = 60_000;

/** A project whose owner just confirmed their password, rotated with a 24 h grace period. */
async function projectInGrace(name: string) {
  const owner = await createTeamWithOwner("deliberate");
  await db.user.update({ where: { id: owner.user.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
  const project = await createProject({ teamId: owner.team.id, name, actor: owner.actor });
  const { currentSecretId } = await environmentSecrets(project.id);
  await rotateIdentitySecret({ environment: "production", projectId: project.id, teamId: owner.team.id, expectedSecretId: currentSecretId!, grace: "24h", actor: owner.actor });
  caller.cookies.clear();
  expect(await confirmPassword(owner.user.id, PASSWORD)).toBe(true);
  return { owner, projectId: project.id, previousSecretId: currentSecretId! };
}

const call = (action: (previous: null, form: FormData) => Promise<unknown>, user: TestUser, fields: Record<string, string>) =>
  callAs<{ ok: boolean; error?: string; code?: string; fieldErrors?: Record<string, string> }>(caller, action, user, fields);

const previousOf = async (projectId: string) => (await environmentSecrets(projectId)).previousSecretId;

describe("Expire now", () => {
  it("refuses a previous secret that verified a token in the last 10 minutes until the project's name is typed", async () => {
    const { owner, projectId, previousSecretId } = await projectInGrace("Checkout");
    recordVerification(projectId, { code: "ok", environment: "production", ageSeconds: 1, secretId: previousSecretId }, Date.now() - 2 * MINUTE);
    await flushVerificationStats();
    const expire = (confirmation?: string) =>
      call(expirePreviousSecretAction, owner.user, { projectId, environment: "production", previousSecretId, ...(confirmation === undefined ? {} : { confirmation }) });

    const untyped = await expire();
    expect(untyped).toMatchObject({ ok: false, code: "confirmation_required", error: 'The previous secret verified a token 2 minutes ago: type the project name "Checkout" to expire it anyway.' });
    expect(untyped.fieldErrors?.confirmation).toBe(untyped.error);
    expect(await expire("Checkou")).toMatchObject({ ok: false, code: "confirmation_required", error: expect.stringMatching(/^That is not this project's name\. .*type "Checkout" exactly/) });
    expect(await previousOf(projectId)).toBe(previousSecretId); // still verifying

    expect(await expire(" Checkout ")).toMatchObject({ ok: true });
    expect(await previousOf(projectId)).toBeNull();
  });

  it("expires a previous secret idle for 10 minutes or more without the name", async () => {
    const { owner, projectId, previousSecretId } = await projectInGrace("Quiet");
    recordVerification(projectId, { code: "ok", environment: "production", ageSeconds: 1, secretId: previousSecretId }, Date.now() - 11 * MINUTE);
    await flushVerificationStats();
    expect(await call(expirePreviousSecretAction, owner.user, { projectId, environment: "production", previousSecretId })).toMatchObject({ ok: true });
    expect(await previousOf(projectId)).toBeNull();
  });
});

describe("Delete project", () => {
  it("needs a password confirmed in the last 5 minutes, then the typed name", async () => {
    const { owner, projectId } = await projectInGrace("Doomed");
    caller.cookies.clear(); // the confirmation is gone (older than 5 minutes)
    const unconfirmed = await call(deleteProjectAction, owner.user, { projectId, confirmation: "Doomed" });
    expect(unconfirmed).toMatchObject({ ok: false, code: "reauth_required" });
    expect(await db.project.count({ where: { id: projectId } })).toBe(1);

    expect(await confirmPassword(owner.user.id, PASSWORD)).toBe(true);
    await expect(call(deleteProjectAction, owner.user, { projectId, confirmation: "Doomed" })).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT/) });
    expect(await db.project.count({ where: { id: projectId } })).toBe(0);
  });
});

describe("the usage the dialogs show", () => {
  it("counts whole 10-minute buckets and says how far back they reach; in use means a token in the last 10 minutes", async () => {
    const { projectId, previousSecretId } = await projectInGrace("Counted");
    const bucket = Math.floor(Date.now() / BUCKET_MS) * BUCKET_MS;
    const now = bucket + 4 * MINUTE; // 4 minutes into a bucket: the buckets overlapping the last 10 minutes reach back 14
    const at = (minutesAgo: number, count: number) => {
      for (let i = 0; i < count; i++) recordVerification(projectId, { code: "ok", environment: "production", ageSeconds: 1, secretId: previousSecretId }, now - minutesAgo * MINUTE);
    };
    at(1, 2);
    at(12, 3); // the previous bucket
    at(25, 1); // within the hour only
    at(75, 4); // older than the buckets overlapping the last hour
    await flushVerificationStats();

    const expected = { tokensRecent: 5, recentMinutes: 14, tokensLastHour: 6, hourMinutes: 64, inUse: true, lastUsedAt: new Date(now - MINUTE) };
    expect(await projectIdentityUsage(projectId, new Date(now))).toEqual(expected);
    expect((await identityLiveStatus(projectId, "production", new Date(now))).previous).toMatchObject({ ...expected, lastUsedAt: expected.lastUsedAt.toISOString() });
    expect(await projectIdentityUsage(projectId, new Date(now + 10 * MINUTE))).toMatchObject({ inUse: false, tokensRecent: 2, recentMinutes: 14 });
  });
});
