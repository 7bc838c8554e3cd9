// Role changes, removal, leaving and ownership transfer: who may, the last-owner rule, and races.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { changeMemberRole, leaveTeam, removeMember, transferOwnership } from "@/lib/teams/membership";
import { CANNOT_MANAGE_OWNERS, LAST_OWNER, MEMBER_NOT_FOUND, ROLE_CHANGED_ELSEWHERE } from "@/lib/teams/messages";
import { actorOf, addMember, createTeamWithOwner, createUser } from "../helpers/fixtures";

async function teamWith(...roles: string[]) {
  const owner = await createTeamWithOwner("owner");
  const users = [];
  for (const role of roles) {
    const user = await createUser(role);
    await addMember(owner.team.id, user.id, role);
    users.push(user);
  }
  return { ...owner, users };
}

const roleOf = async (teamId: string, userId: string) =>
  (await db.membership.findUnique({ where: { userId_teamId: { userId, teamId } }, select: { role: true } }))?.role ?? null;
const owners = (teamId: string) => db.membership.count({ where: { teamId, role: "owner" } });

describe("last-owner rules", () => {
  it("the only owner can't leave, be removed or be demoted", async () => {
    const { team, user, actor } = await teamWith("admin");
    await expect(leaveTeam({ teamId: team.id, actor })).rejects.toThrow(LAST_OWNER);
    await expect(removeMember({ teamId: team.id, targetUserId: user.id, actor })).rejects.toThrow(LAST_OWNER);
    await expect(changeMemberRole({ teamId: team.id, targetUserId: user.id, newRole: "admin", expectedRole: "owner", actor })).rejects.toThrow(LAST_OWNER);
    expect(await roleOf(team.id, user.id)).toBe("owner");
    expect(await db.auditEvent.count({ where: { teamId: team.id } })).toBe(0); // refused changes leave no trace but the refusal
  });

  it("with a second owner, an owner may leave", async () => {
    const { team, actor, users: [coOwner] } = await teamWith("owner");
    await leaveTeam({ teamId: team.id, actor });
    expect(await owners(team.id)).toBe(1);
    await expect(leaveTeam({ teamId: team.id, actor: actorOf(coOwner!) })).rejects.toThrow(LAST_OWNER);
    expect(await db.auditEvent.count({ where: { teamId: team.id, action: "member.left" } })).toBe(1);
  });

  it("two owners demoting each other at once can't leave the team ownerless", async () => {
    const { team, user: a, users: [b] } = await teamWith("owner");
    const results = await Promise.allSettled([
      changeMemberRole({ teamId: team.id, targetUserId: b!.id, newRole: "member", expectedRole: "owner", actor: actorOf(a) }),
      changeMemberRole({ teamId: team.id, targetUserId: a.id, newRole: "member", expectedRole: "owner", actor: actorOf(b!) }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await owners(team.id)).toBe(1);
  });

  it("two owners removing each other at once: one stays", async () => {
    const { team, user: a, users: [b] } = await teamWith("owner");
    await Promise.allSettled([
      removeMember({ teamId: team.id, targetUserId: b!.id, actor: actorOf(a) }),
      removeMember({ teamId: team.id, targetUserId: a.id, actor: actorOf(b!) }),
    ]);
    expect(await owners(team.id)).toBe(1);
  });
});

describe("role changes", () => {
  it("two admins changing one member's role at once: one wins, the other is told to reload", async () => {
    const { team, users: [admin1, admin2, member] } = await teamWith("admin", "admin", "member");
    // Both saw "member"; whichever runs second finds "admin" and must not silently re-apply over it.
    const results = await Promise.allSettled([
      changeMemberRole({ teamId: team.id, targetUserId: member!.id, newRole: "admin", expectedRole: "member", actor: actorOf(admin1!) }),
      changeMemberRole({ teamId: team.id, targetUserId: member!.id, newRole: "admin", expectedRole: "member", actor: actorOf(admin2!) }),
    ]);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(rejected.map((r) => (r.reason as Error).message)).toEqual([ROLE_CHANGED_ELSEWHERE]);
    expect(await roleOf(team.id, member!.id)).toBe("admin");
    expect(await db.auditEvent.count({ where: { teamId: team.id, action: "member.role_changed" } })).toBe(1);
  });

  it("a change based on a stale view is refused", async () => {
    const { team, actor, users: [member] } = await teamWith("member");
    await changeMemberRole({ teamId: team.id, targetUserId: member!.id, newRole: "admin", expectedRole: "member", actor });
    await expect(
      changeMemberRole({ teamId: team.id, targetUserId: member!.id, newRole: "member", expectedRole: "member", actor }),
    ).rejects.toThrow(ROLE_CHANGED_ELSEWHERE);
  });

  it("admins manage admins and members but not owners, and can't make owners", async () => {
    const { team, user: owner, users: [admin, other, member] } = await teamWith("admin", "admin", "member");
    const as = actorOf(admin!);
    await expect(changeMemberRole({ teamId: team.id, targetUserId: owner.id, newRole: "admin", expectedRole: "owner", actor: as })).rejects.toThrow(CANNOT_MANAGE_OWNERS);
    await expect(removeMember({ teamId: team.id, targetUserId: owner.id, actor: as })).rejects.toThrow(CANNOT_MANAGE_OWNERS);
    await expect(changeMemberRole({ teamId: team.id, targetUserId: member!.id, newRole: "owner", expectedRole: "member", actor: as })).rejects.toThrow(CANNOT_MANAGE_OWNERS);
    await changeMemberRole({ teamId: team.id, targetUserId: other!.id, newRole: "member", expectedRole: "admin", actor: as });
    await removeMember({ teamId: team.id, targetUserId: member!.id, actor: as });
    expect(await roleOf(team.id, member!.id)).toBeNull();
    // Owners may make more owners.
    await changeMemberRole({ teamId: team.id, targetUserId: admin!.id, newRole: "owner", expectedRole: "admin", actor: actorOf(owner) });
    expect(await owners(team.id)).toBe(2);
  });

  it("a user of another team is not a member here", async () => {
    const { team, actor } = await teamWith();
    const elsewhere = await createTeamWithOwner("elsewhere");
    await expect(removeMember({ teamId: team.id, targetUserId: elsewhere.user.id, actor })).rejects.toThrow(MEMBER_NOT_FOUND);
    await expect(
      changeMemberRole({ teamId: team.id, targetUserId: elsewhere.user.id, newRole: "member", expectedRole: "owner", actor }),
    ).rejects.toThrow(MEMBER_NOT_FOUND);
    expect(await roleOf(elsewhere.team.id, elsewhere.user.id)).toBe("owner");
  });
});

describe("transferOwnership", () => {
  it("makes the member an owner and the owner an admin, in one step", async () => {
    const { team, user: owner, actor, users: [member] } = await teamWith("member");
    await transferOwnership({ teamId: team.id, targetUserId: member!.id, actor });
    expect([await roleOf(team.id, owner.id), await roleOf(team.id, member!.id)]).toEqual(["admin", "owner"]);
    // The former owner can't do it again, nor leave the new owner alone in charge of nothing.
    await expect(transferOwnership({ teamId: team.id, targetUserId: owner.id, actor })).rejects.toThrow(CANNOT_MANAGE_OWNERS);
    await expect(leaveTeam({ teamId: team.id, actor: actorOf(member!) })).rejects.toThrow(LAST_OWNER);
    expect(await db.auditEvent.count({ where: { teamId: team.id, action: "ownership.transferred" } })).toBe(1);
  });
});
