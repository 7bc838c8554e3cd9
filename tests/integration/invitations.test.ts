// Invite links: hashed at rest, single use, 7-day expiry (clock injected), for one address only.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createInvitation, INVITE_TTL_MS, INVITES_PER_TEAM_PER_DAY, listPendingInvitations, revokeInvitation, TOO_MANY_INVITES } from "@/lib/invitations/invitations";
import { changeMemberRole, leaveTeam, removeMember } from "@/lib/teams/membership";
import { acceptInvitation, findInviteLink } from "@/lib/invitations/accept-invitation";
import { hashLinkToken } from "@/lib/auth/link-token";
import { setInviteMailer, type InviteMessage } from "@/lib/invitations/invite-mailer";
import * as messages from "@/lib/invitations/messages";
import { actorOf, addMember, createTeamWithOwner, createUser } from "../helpers/fixtures";

const T0 = new Date("2026-11-24T10:00:00Z");
const tokenOf = (link: string) => link.split("/invite/")[1]!;

async function invite(email: string, role: "admin" | "member" = "member", now = T0) {
  const owner = await createTeamWithOwner("inviter");
  const created = await createInvitation({ teamId: owner.team.id, email, role, actorRole: "owner", actor: owner.actor, now });
  return { owner, created, token: tokenOf(created.link) };
}

afterEach(() => setInviteMailer(undefined));

describe("createInvitation", () => {
  it("shows a 256-bit link once and stores only its SHA-256", async () => {
    const invitee = await createUser("invitee");
    const { created, token } = await invite(invitee.email);
    expect(created.link).toBe(`http://localhost:3000/invite/${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db.invitation.findUniqueOrThrow({ where: { id: created.invitationId } });
    expect(row.tokenHash).toBe(hashLinkToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - T0.getTime()).toBe(INVITE_TTL_MS);
    expect(created.emailed).toBe(false); // no SMTP_URL: the link is shared by hand
    const events = await db.auditEvent.findMany({ where: { teamId: row.teamId, action: "member.invited" } });
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it("emails the link through the configured mailer, and a failing mailer doesn't fail the invite", async () => {
    const sent: InviteMessage[] = [];
    setInviteMailer({ name: "test", send: async (message) => void sent.push(message) });
    const { created } = await invite("Mixed.Case@Example.com", "admin");
    expect(created.emailed).toBe(true);
    expect(sent).toEqual([expect.objectContaining({ to: "mixed.case@example.com", role: "admin", link: created.link })]);
    setInviteMailer({ name: "broken", send: async () => Promise.reject(new Error("smtp down")) });
    expect((await invite("other@example.com")).created.emailed).toBe(false);
  });

  it("refuses an existing member, and a role the inviter may not grant", async () => {
    const { owner } = await invite("someone@example.com");
    const admin = await createUser("admin");
    await addMember(owner.team.id, admin.id, "admin");
    const base = { teamId: owner.team.id, actor: owner.actor };
    await expect(createInvitation({ ...base, email: admin.email.toUpperCase(), role: "member", actorRole: "owner" })).rejects.toMatchObject({
      message: `${admin.email} is already a member of this team.`,
      field: "email",
    });
    // Admins may invite admins and members; nobody is invited straight in as owner.
    await expect(createInvitation({ ...base, actor: actorOf(admin), email: "x@example.com", role: "owner", actorRole: "admin" })).rejects.toMatchObject({
      message: messages.CANNOT_INVITE_ROLE,
      field: "role",
    });
    await expect(createInvitation({ ...base, email: "x@example.com", role: "owner", actorRole: "owner" })).rejects.toMatchObject({ field: "role" });
    await expect(createInvitation({ ...base, email: "x@example.com", role: "member", actorRole: "member" })).rejects.toMatchObject({ field: "role" });
    const ok = await createInvitation({ ...base, actor: actorOf(admin), email: "x@example.com", role: "admin", actorRole: "admin" });
    expect(ok.email).toBe("x@example.com");
  });

  it("re-inviting an address replaces its pending link", async () => {
    const { owner, token: first } = await invite("twice@example.com");
    const second = await createInvitation({ teamId: owner.team.id, email: "twice@example.com", role: "admin", actorRole: "owner", actor: owner.actor });
    expect((await findInviteLink(first))?.status).toBe("revoked");
    expect((await findInviteLink(tokenOf(second.link)))?.status).toBe("valid");
    expect(await listPendingInvitations(owner.team.id)).toEqual([expect.objectContaining({ email: "twice@example.com", role: "admin" })]);
  });
});

describe("acceptInvitation", () => {
  it("joins the invited address (case-insensitive) with the invited role, once", async () => {
    const invitee = await createUser("joiner");
    const { owner, token } = await invite(invitee.email.toUpperCase(), "admin");
    const user = { id: invitee.id, email: invitee.email };
    const joined = await acceptInvitation({ token, user, actor: actorOf(invitee), now: new Date(T0.getTime() + 1000) });
    expect(joined.teamId).toBe(owner.team.id);
    const membership = await db.membership.findUniqueOrThrow({ where: { userId_teamId: { userId: invitee.id, teamId: owner.team.id } } });
    expect(membership.role).toBe("admin");
    expect(await db.auditEvent.count({ where: { teamId: owner.team.id, action: "invitation.accepted" } })).toBe(1);
    // Reuse: the same link a second time, and by someone else, is refused.
    await expect(acceptInvitation({ token, user, actor: actorOf(invitee), now: T0 })).rejects.toThrow(messages.INVITE_USED);
    expect((await findInviteLink(token))?.status).toBe("used");
  });

  it("two accepts of one link at once: exactly one wins", async () => {
    const invitee = await createUser("racer");
    const { token } = await invite(invitee.email);
    const user = { id: invitee.id, email: invitee.email };
    const results = await Promise.allSettled([1, 2, 3].map(() => acceptInvitation({ token, user, actor: actorOf(invitee), now: T0 })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { userId: invitee.id } })).toBe(1);
  });

  it("expires after 7 days (injected clock)", async () => {
    const invitee = await createUser("late");
    const { token } = await invite(invitee.email);
    const user = { id: invitee.id, email: invitee.email };
    const justBefore = new Date(T0.getTime() + INVITE_TTL_MS - 1);
    const atExpiry = new Date(T0.getTime() + INVITE_TTL_MS);
    expect((await findInviteLink(token, justBefore))?.status).toBe("valid");
    expect((await findInviteLink(token, atExpiry))?.status).toBe("expired");
    await expect(acceptInvitation({ token, user, actor: actorOf(invitee), now: atExpiry })).rejects.toThrow(messages.INVITE_EXPIRED);
    await acceptInvitation({ token, user, actor: actorOf(invitee), now: justBefore });
  });

  it("refuses another address, a revoked link and an unknown token", async () => {
    const invitee = await createUser("intended");
    const stranger = await createUser("stranger");
    const { owner, created, token } = await invite(invitee.email);
    await expect(acceptInvitation({ token, user: stranger, actor: actorOf(stranger), now: T0 })).rejects.toThrow(
      messages.wrongEmailMessage(invitee.email, stranger.email),
    );
    expect((await findInviteLink(token, T0))?.status).toBe("valid"); // a wrong-address attempt doesn't use it up
    await revokeInvitation({ teamId: owner.team.id, invitationId: created.invitationId, actor: owner.actor });
    await expect(acceptInvitation({ token, user: invitee, actor: actorOf(invitee), now: T0 })).rejects.toThrow(messages.INVITE_REVOKED);
    await expect(acceptInvitation({ token: "A".repeat(43), user: invitee, actor: actorOf(invitee) })).rejects.toThrow(messages.INVITE_NOT_FOUND);
    await expect(acceptInvitation({ token: "../../etc", user: invitee, actor: actorOf(invitee) })).rejects.toThrow(messages.INVITE_NOT_FOUND);
    expect(await findInviteLink("nope")).toBeNull();
  });
});

describe("revokeInvitation", () => {
  it("another team's invitation ID is not found, even passed with your own team", async () => {
    const { created, token } = await invite("victim@example.com");
    const attacker = await createTeamWithOwner("attacker");
    await expect(
      revokeInvitation({ teamId: attacker.team.id, invitationId: created.invitationId, actor: attacker.actor }),
    ).rejects.toThrow(messages.INVITATION_NOT_FOUND);
    // At the invitation's own clock: without it the check expired with the calendar (T0 + 7 days).
    expect((await findInviteLink(token, T0))?.status).toBe("valid");
  });
});

describe("invites keep only the authority their sender still has", () => {
  async function teamWithAdminInvites() {
    const owner = await createTeamWithOwner("owner");
    const admin = await createUser("admin");
    await addMember(owner.team.id, admin.id, "admin");
    const sent = await createInvitation({ teamId: owner.team.id, email: `cfo-${admin.id}@victim-corp.example`, role: "admin", actorRole: "admin", actor: actorOf(admin) });
    const ownInvite = await createInvitation({ teamId: owner.team.id, email: `dev-${admin.id}@victim-corp.example`, role: "member", actorRole: "owner", actor: owner.actor });
    return { owner, admin, token: tokenOf(sent.link), ownerToken: tokenOf(ownInvite.link) };
  }

  it.each([
    ["removed", (w: Awaited<ReturnType<typeof teamWithAdminInvites>>) => removeMember({ teamId: w.owner.team.id, targetUserId: w.admin.id, actor: w.owner.actor })],
    ["demoted to member", (w: Awaited<ReturnType<typeof teamWithAdminInvites>>) =>
      changeMemberRole({ teamId: w.owner.team.id, targetUserId: w.admin.id, newRole: "member", expectedRole: "admin", actor: w.owner.actor })],
    ["leaving", (w: Awaited<ReturnType<typeof teamWithAdminInvites>>) => leaveTeam({ teamId: w.owner.team.id, actor: actorOf(w.admin) })],
  ])("an admin's pending invites are revoked when they are %s; others' stay valid", async (_how, change) => {
    const world = await teamWithAdminInvites();
    await change(world);
    expect((await findInviteLink(world.token))?.status).toBe("revoked");
    expect((await findInviteLink(world.ownerToken))?.status).toBe("valid");
    const events = await db.auditEvent.findMany({ where: { teamId: world.owner.team.id, action: "invitation.revoked" }, select: { details: true } });
    expect(events.map((event) => JSON.parse(event.details).reason)).toEqual(["sender_can_no_longer_invite"]);
  });

  it("a removed admin can't rejoin through an invite they made for another address", async () => {
    const world = await teamWithAdminInvites();
    await removeMember({ teamId: world.owner.team.id, targetUserId: world.admin.id, actor: world.owner.actor });
    const accomplice = await db.user.create({ data: { email: `cfo-${world.admin.id}@victim-corp.example`, name: "cfo", passwordHash: "unused" }, select: { id: true, email: true, name: true } });
    await expect(acceptInvitation({ token: world.token, user: accomplice, actor: actorOf(accomplice) })).rejects.toThrow(messages.INVITE_REVOKED);
  });

  it("an admin promoted to owner keeps their invites", async () => {
    const world = await teamWithAdminInvites();
    await changeMemberRole({ teamId: world.owner.team.id, targetUserId: world.admin.id, newRole: "owner", expectedRole: "admin", actor: world.owner.actor });
    expect((await findInviteLink(world.token))?.status).toBe("valid");
  });
});

describe("the daily invite cap", () => {
  it(`refuses the ${INVITES_PER_TEAM_PER_DAY + 1}st invite of a team within 24 hours, and allows it again after`, async () => {
    const owner = await createTeamWithOwner("busy");
    setInviteMailer(null);
    const send = (i: number, now: Date) =>
      createInvitation({ teamId: owner.team.id, email: `person-${i}@example.com`, role: "member", actorRole: "owner", actor: owner.actor, now });
    for (let i = 0; i < INVITES_PER_TEAM_PER_DAY; i++) await send(i, T0);
    await expect(send(INVITES_PER_TEAM_PER_DAY, new Date(T0.getTime() + 60_000))).rejects.toThrow(TOO_MANY_INVITES);
    // Another team's budget is its own.
    const other = await createTeamWithOwner("other");
    await expect(createInvitation({ teamId: other.team.id, email: "x@example.com", role: "member", actorRole: "owner", actor: other.actor, now: T0 })).resolves.toBeDefined();
    await expect(send(INVITES_PER_TEAM_PER_DAY, new Date(T0.getTime() + 24 * 60 * 60 * 1000 + 1))).resolves.toBeDefined();
  });
});
