// What the declarative guards do beyond "who may" (the authorization matrix covers that): the rate limit
// counts only calls that got through every other check, and declared audit events are written for the
// action's team and project. Mocked like the matrix: only who is calling, next/cache and the request's
// headers/cookies; the database, lib/ and the guards are real.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { actingUser, buildWorld, type World } from "../helpers/authorization-world";
import type { TestUser } from "../helpers/fixtures";
import { callAs, type Caller } from "../helpers/request-mocks";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { confirmPassword } from "@/lib/auth/reauth";
import * as actions from "@/app/(dashboard)/projects/[projectId]/settings/identity/actions";
import * as stepUpActions from "@/app/(dashboard)/actions";

const caller = vi.hoisted((): Caller => ({ user: null, cookies: new Map() }));
vi.mock("@/lib/auth/session", async () => (await import("../helpers/request-mocks")).sessionMock(caller));
vi.mock("next/cache", async () => (await import("../helpers/request-mocks")).cacheMock());
vi.mock("next/headers", async () => (await import("../helpers/request-mocks")).headersMock(caller));

const PASSWORD = "guard-test-password-2026";
let passwordHash = "";
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

type Result = { ok: boolean; error?: string; code?: string };
const call = (action: (previous: null, form: FormData) => Promise<unknown>, user: TestUser | null, fields: Record<string, string>) =>
  callAs<Result>(caller, action, user, fields);

async function signedInWithPassword(world: World, who: "admin" | "member" | "owner" | "otherTeamOwner", confirmed: boolean): Promise<TestUser> {
  const user = actingUser(world, who)!;
  caller.cookies.clear();
  await db.user.update({ where: { id: user.id }, data: { passwordHash } });
  if (confirmed) expect(await confirmPassword(user.id, PASSWORD)).toBe(true);
  return user;
}

const auditActions = async (projectId: string, action: string) =>
  (await db.auditEvent.findMany({ where: { projectId, action }, orderBy: { createdAt: "asc" }, select: { actorId: true, teamId: true, details: true } }));

describe("the reveal rate limit (20 per user per hour)", () => {
  it("counts only reveals that passed the permission and password checks, and refuses the 21st", { timeout: 60_000 }, async () => {
    const world = await buildWorld();
    const project = { projectId: world.project.id, environment: "production" };
    const member = await signedInWithPassword(world, "member", true);
    for (let i = 0; i < 3; i++) expect((await call(actions.revealIdentitySecretAction, member, project)).ok).toBe(false);
    const admin = await signedInWithPassword(world, "admin", false);
    for (let i = 0; i < 3; i++) expect(await call(actions.revealIdentitySecretAction, admin, project)).toMatchObject({ ok: false, code: "reauth_required" });
    expect(await confirmPassword(admin.id, PASSWORD)).toBe(true);
    for (let i = 1; i <= 20; i++) expect((await call(actions.revealIdentitySecretAction, admin, project)).ok, `reveal ${i}`).toBe(true);
    const refused = await call(actions.revealIdentitySecretAction, admin, project);
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatch(/^You've revealed secrets 20 times in the last hour\. Try again in \d+ (minutes?|seconds?)\.$/);
    // The refused reveal showed nothing, so it names no one in the audit log either.
    expect(await auditActions(world.project.id, "secret.revealed")).toHaveLength(20);
  });
});

describe("declared audit events", () => {
  it("record every password prompt answer, right or wrong, for the project it was asked on", async () => {
    const world = await buildWorld();
    const member = await signedInWithPassword(world, "member", false);
    expect(await call(stepUpActions.confirmPasswordAction, member, { projectId: world.project.id, password: "not it" })).toMatchObject({ ok: false, code: "wrong_password" });
    expect((await call(stepUpActions.confirmPasswordAction, member, { projectId: world.project.id, password: PASSWORD })).ok).toBe(true);
    expect(await auditActions(world.project.id, "reauth.failed")).toEqual([{ actorId: member.id, teamId: world.team.id, details: "{}" }]);
    expect(await auditActions(world.project.id, "reauth.confirmed")).toEqual([{ actorId: member.id, teamId: world.team.id, details: "{}" }]);
  });

  it("log a prompt answered on another team's project in the caller's own teams, never in that project's log", async () => {
    const world = await buildWorld();
    const outsider = await signedInWithPassword(world, "otherTeamOwner", false);
    expect((await call(stepUpActions.confirmPasswordAction, outsider, { projectId: world.project.id, password: PASSWORD })).ok).toBe(true);
    expect(await auditActions(world.project.id, "reauth.confirmed")).toEqual([]);
    const own = await db.auditEvent.findMany({ where: { actorId: outsider.id, action: "reauth.confirmed" }, select: { teamId: true, projectId: true } });
    const ownTeams = await db.membership.findMany({ where: { userId: outsider.id }, select: { teamId: true } });
    expect(own).toEqual(ownTeams.map(({ teamId }) => ({ teamId, projectId: null })));
    expect(own.length).toBeGreaterThan(0);
  });

  it("record each debugger run with its outcome and whether the token was generated; a refused call records nothing", async () => {
    const world = await buildWorld();
    const member = await signedInWithPassword(world, "member", false);
    const stranger = await signedInWithPassword(world, "otherTeamOwner", false);
    expect((await call(actions.debugIdentityTokenAction, stranger, { projectId: world.project.id, token: "junk" })).ok).toBe(false);
    expect((await call(actions.debugIdentityTokenAction, member, { projectId: world.project.id, token: "junk" })).ok).toBe(true);
    expect((await call(actions.generateTestTokenAction, member, { projectId: world.project.id, environment: "production" })).ok).toBe(true);
    const runs = await auditActions(world.project.id, "token_debugger.used");
    expect(runs.map((run) => ({ actorId: run.actorId, details: JSON.parse(run.details) }))).toEqual([
      { actorId: member.id, details: { outcome: "malformed_token", generated: false } },
      { actorId: member.id, details: { environment: "production", outcome: "ok", generated: true } },
    ]);
  });
});
