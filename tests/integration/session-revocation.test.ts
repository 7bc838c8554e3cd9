// A session cookie names a UserSession row, and currentUser() re-reads it (and the user's sessionVersion)
// on every request. next-auth's cookie decoding is mocked; the callbacks and the database are real.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { currentUser } from "@/lib/auth/session";
import { authOptions } from "@/lib/auth/auth-options";
import { hashPassword } from "@/lib/auth/password";
import { signOutEverywhere } from "@/lib/account/sessions";
import { changePassword, WRONG_CURRENT_PASSWORD } from "@/lib/account/change-password";
import { removeMember, changeMemberRole } from "@/lib/teams/membership";
import { authorizeTeam } from "@/lib/authz/access";
import { startSession } from "@/lib/auth/user-sessions";
import { addMember, createTeamWithOwner, createUser } from "../helpers/fixtures";

const jwt = vi.hoisted(() => ({ session: null as { user: { id: string; sessionVersion?: number; sessionId?: string } } | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => jwt.session }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "vitest" }) }));

/** What the jwt callback stores at sign-in, as the session callback exposes it. */
async function signInAs(user: { id: string; email: string; name: string }) {
  const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } });
  const sessionId = await startSession(user.id, { ip: "10.0.0.1", userAgent: "vitest" });
  const token = await authOptions().callbacks!.jwt!({ token: { sub: user.id }, user: { ...user, sessionVersion, sessionId }, account: null } as never);
  const session = await authOptions().callbacks!.session!({ session: { user: {}, expires: "" }, token } as never);
  jwt.session = session as never;
}

beforeEach(() => {
  jwt.session = null;
});

describe("currentUser() and the session version", () => {
  it("accepts a token naming a live session of the current version; one naming no session is signed out", async () => {
    const user = await createUser("fresh");
    await signInAs(user);
    expect(await currentUser()).toEqual({ id: user.id, email: user.email, name: user.name, sessionId: jwt.session!.user.sessionId });
    // A cookie from before sessions were recorded names none.
    jwt.session = { user: { id: user.id, sessionVersion: 0 } };
    expect(await currentUser()).toBeNull();
  });

  it("'sign out of all sessions' ends every existing session at its next request", async () => {
    const { user, actor } = await createTeamWithOwner("everywhere");
    await signInAs(user);
    const laptop = jwt.session;
    await signOutEverywhere(actor);
    jwt.session = laptop;
    expect(await currentUser()).toBeNull();
    await signInAs(user); // signing in again gets the new version
    expect(await currentUser()).not.toBeNull();
    expect(await db.auditEvent.count({ where: { actorId: user.id, action: "sessions.revoked" } })).toBe(1);
  });

  it("a password change verifies the current password and ends existing sessions", async () => {
    const { user, actor } = await createTeamWithOwner("changer");
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword("old-password-123") } });
    await signInAs(user);
    const before = jwt.session;
    await expect(changePassword({ actor, currentPassword: "wrong-password-1", newPassword: "new-password-456" })).rejects.toMatchObject({
      message: WRONG_CURRENT_PASSWORD,
      field: "currentPassword",
    });
    expect(await currentUser()).not.toBeNull();
    await expect(changePassword({ actor, currentPassword: "old-password-123", newPassword: "short" })).rejects.toMatchObject({ field: "newPassword" });
    await changePassword({ actor, currentPassword: "old-password-123", newPassword: "new-password-456" });
    jwt.session = before;
    expect(await currentUser()).toBeNull();
    expect(await db.auditEvent.count({ where: { actorId: user.id, action: "password.changed" } })).toBe(1);
  });

  it("removal and demotion apply at the next request without signing the user out of their other teams", async () => {
    const a = await createTeamWithOwner("team-a");
    const b = await createTeamWithOwner("team-b");
    const both = await createUser("in-both");
    await addMember(a.team.id, both.id, "admin");
    await addMember(b.team.id, both.id, "admin");
    await signInAs(both);
    await changeMemberRole({ teamId: a.team.id, targetUserId: both.id, newRole: "member", expectedRole: "admin", actor: a.actor });
    expect(await authorizeTeam(both.id, a.team.id, "members:invite")).toMatchObject({ ok: false });
    await removeMember({ teamId: a.team.id, targetUserId: both.id, actor: a.actor });
    expect(await authorizeTeam(both.id, a.team.id, "team:view")).toEqual({ ok: false, error: "Team not found." });
    expect(await currentUser()).not.toBeNull();
    expect(await authorizeTeam(both.id, b.team.id, "members:invite")).toMatchObject({ ok: true, role: "admin" });
  });
});
