import "server-only";
import { db, type DbTransaction } from "@/lib/db";
import { can } from "@/lib/authz/policy";
import { parseRole, ROLES, type Role } from "@/lib/authz/roles";
import { TEAM_NOT_FOUND } from "@/lib/authz/access";
import { recordAuditEvent, type Actor } from "@/lib/audit/audit-log";
import { UserFacingError } from "@/lib/result";
import { canManageMember, grantableRoles } from "@/lib/authz/member-rules";
import { revokeInvitationsSentBy } from "@/lib/invitations/invitations";
import {
  CANNOT_GRANT_ROLE,
  CANNOT_MANAGE_OWNERS,
  LAST_OWNER,
  MEMBER_NOT_FOUND,
  ROLE_CHANGED_ELSEWHERE,
  TRANSFER_TO_SELF,
} from "@/lib/teams/messages";

// Every change below runs in one transaction that re-reads the roles it depends on and checks the
// "at least one owner" invariant after writing, so a refused change rolls back whole. The SQLite
// adapter also serialises transactions within a process; the conditional updates (`where role =
// expected`) keep two changes based on the same stale view from both winning across processes too.

export type TeamMember = { userId: string; email: string; name: string; role: Role; joinedAt: Date };

export async function listTeamMembers(teamId: string): Promise<TeamMember[]> {
  const rows = await db.membership.findMany({
    where: { teamId },
    orderBy: { createdAt: "asc" },
    select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  const rank = (role: Role) => ROLES.indexOf(role);
  return rows
    .map((row) => ({ userId: row.user.id, email: row.user.email, name: row.user.name, role: parseRole(row.role), joinedAt: row.createdAt }))
    .sort((a, b) => rank(a.role) - rank(b.role));
}

/** The actor's role as of this transaction; they may have been removed since the page loaded. */
async function actorRoleIn(tx: DbTransaction, teamId: string, actorId: string): Promise<Role> {
  const row = await tx.membership.findUnique({ where: { userId_teamId: { userId: actorId, teamId } }, select: { role: true } });
  if (!row) throw new UserFacingError(TEAM_NOT_FOUND);
  return parseRole(row.role);
}

async function memberIn(tx: DbTransaction, teamId: string, userId: string) {
  const row = await tx.membership.findUnique({
    where: { userId_teamId: { userId, teamId } },
    select: { id: true, role: true, user: { select: { email: true } } },
  });
  // Someone in another team is "not a member" here, exactly like someone who doesn't exist.
  if (!row) throw new UserFacingError(MEMBER_NOT_FOUND);
  return { id: row.id, userId, role: parseRole(row.role), email: row.user.email };
}

/**
 * First statement of every membership change: bumping the team's version takes its row lock, so two
 * changes to one team run one after the other and each sees the other's result (READ COMMITTED on
 * PostgreSQL would otherwise let two owners remove each other and leave none).
 */
async function lockTeamMemberships(tx: DbTransaction, teamId: string): Promise<void> {
  // updateMany: an unknown team locks nothing, and the checks that follow answer "not found".
  await tx.team.updateMany({ where: { id: teamId }, data: { membershipVersion: { increment: 1 } } });
}

async function assertTeamKeepsAnOwner(tx: DbTransaction, teamId: string): Promise<void> {
  const owners = await tx.membership.count({ where: { teamId, role: "owner" } });
  if (owners === 0) throw new UserFacingError(LAST_OWNER); // thrown inside the transaction: nothing is kept
}

export async function changeMemberRole(input: {
  teamId: string;
  targetUserId: string;
  newRole: Role;
  /** The role the actor saw: a change made meanwhile by someone else is reported, not overwritten. */
  expectedRole: Role;
  actor: Actor;
}): Promise<{ changed: boolean; email: string }> {
  return db.$transaction(async (tx) => {
    await lockTeamMemberships(tx, input.teamId);
    const actorRole = await actorRoleIn(tx, input.teamId, input.actor.id);
    const target = await memberIn(tx, input.teamId, input.targetUserId);
    if (!canManageMember(actorRole, target.role)) throw new UserFacingError(CANNOT_MANAGE_OWNERS);
    if (!grantableRoles(actorRole).includes(input.newRole)) {
      throw new UserFacingError(input.newRole === "owner" ? CANNOT_MANAGE_OWNERS : CANNOT_GRANT_ROLE, { field: "role" });
    }
    if (target.role !== input.expectedRole) throw new UserFacingError(ROLE_CHANGED_ELSEWHERE);
    if (input.newRole === target.role) return { changed: false, email: target.email };
    const { count } = await tx.membership.updateMany({
      where: { id: target.id, role: input.expectedRole },
      data: { role: input.newRole },
    });
    if (count === 0) throw new UserFacingError(ROLE_CHANGED_ELSEWHERE);
    await assertTeamKeepsAnOwner(tx, input.teamId);
    await revokeInvitationsSentBy(tx, input.teamId, input.targetUserId, input.newRole, input.actor);
    await recordAuditEvent(tx, {
      teamId: input.teamId,
      actor: input.actor,
      action: "member.role_changed",
      details: { member: target.email, from: target.role, to: input.newRole },
    });
    // No session bump: access is re-read from the database on every request, so the lower role
    // applies from the member's next request, and their other teams are untouched.
    return { changed: true, email: target.email };
  });
}

/** An owner or admin removes someone (admins can't remove owners); removing yourself is leaving. */
export async function removeMember(input: { teamId: string; targetUserId: string; actor: Actor }): Promise<{ email: string }> {
  return db.$transaction(async (tx) => {
    await lockTeamMemberships(tx, input.teamId);
    const actorRole = await actorRoleIn(tx, input.teamId, input.actor.id);
    const target = await memberIn(tx, input.teamId, input.targetUserId);
    if (!canManageMember(actorRole, target.role)) throw new UserFacingError(CANNOT_MANAGE_OWNERS);
    await deleteMembership(tx, input.teamId, target, input.actor, input.targetUserId === input.actor.id);
    return { email: target.email };
  });
}

/** Any member may leave, except the last owner. */
export async function leaveTeam(input: { teamId: string; actor: Actor }): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockTeamMemberships(tx, input.teamId);
    const self = await memberIn(tx, input.teamId, input.actor.id);
    await deleteMembership(tx, input.teamId, self, input.actor, true);
  });
}

async function deleteMembership(
  tx: DbTransaction,
  teamId: string,
  target: { id: string; userId: string; role: Role; email: string },
  actor: Actor,
  self: boolean,
): Promise<void> {
  await tx.membership.delete({ where: { id: target.id } });
  await assertTeamKeepsAnOwner(tx, teamId);
  await revokeInvitationsSentBy(tx, teamId, target.userId, null, actor);
  await recordAuditEvent(tx, {
    teamId,
    actor,
    action: self ? "member.left" : "member.removed",
    details: { member: target.email, role: target.role },
  });
  // Deliberately no sessionVersion bump: the removed user may belong to other teams, and every page,
  // action and route re-reads the membership, so this team is closed to them from their next request.
}

/** The actor (an owner) makes another member an owner and steps down to admin, atomically. */
export async function transferOwnership(input: { teamId: string; targetUserId: string; actor: Actor }): Promise<{ email: string }> {
  return db.$transaction(async (tx) => {
    await lockTeamMemberships(tx, input.teamId);
    const actorRole = await actorRoleIn(tx, input.teamId, input.actor.id);
    if (!can(actorRole, "owners:manage")) throw new UserFacingError(CANNOT_MANAGE_OWNERS);
    if (input.targetUserId === input.actor.id) throw new UserFacingError(TRANSFER_TO_SELF, { field: "userId" });
    const target = await memberIn(tx, input.teamId, input.targetUserId);
    const promoted = await tx.membership.updateMany({ where: { id: target.id, role: target.role }, data: { role: "owner" } });
    const stepped = await tx.membership.updateMany({
      where: { teamId: input.teamId, userId: input.actor.id, role: "owner" },
      data: { role: "admin" },
    });
    if (promoted.count === 0 || stepped.count === 0) throw new UserFacingError(ROLE_CHANGED_ELSEWHERE);
    await assertTeamKeepsAnOwner(tx, input.teamId);
    await recordAuditEvent(tx, {
      teamId: input.teamId,
      actor: input.actor,
      action: "ownership.transferred",
      details: { to: target.email, previousRole: target.role },
    });
    return { email: target.email };
  });
}
