import "server-only";
import { db } from "@/lib/db";
import { parseRole } from "@/lib/authz/roles";
import { perRequest } from "@/lib/http/request-memo";
import { recordAuditEvent, type Actor } from "@/lib/audit/audit-log";
import { UserFacingError } from "@/lib/result";

/**
 * The user's teams with their role, oldest membership first (the switcher's order; the first is home).
 * Once per request: the sidebar and the dashboard's not-found boundary (rendered with every page) share it.
 */
export const listUserTeams = perRequest(async function listUserTeams(userId: string) {
  const memberships = await db.membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, team: { select: { id: true, name: true } } },
  });
  return memberships.map((m) => ({ ...m.team, role: parseRole(m.role) }));
});

/** A new team with its creator as the only owner, atomically: never a team nobody owns. */
export async function createTeam(input: { name: string; actor: Actor }) {
  return db.$transaction(async (tx) => {
    const team = await tx.team.create({ data: { name: input.name }, select: { id: true, name: true } });
    await tx.membership.create({ data: { teamId: team.id, userId: input.actor.id, role: "owner" } });
    await recordAuditEvent(tx, { teamId: team.id, actor: input.actor, action: "team.created", details: { name: team.name } });
    return team;
  });
}

export async function renameTeam(input: { teamId: string; name: string; actor: Actor }) {
  await db.$transaction(async (tx) => {
    const before = await tx.team.findUniqueOrThrow({ where: { id: input.teamId }, select: { name: true } });
    await tx.team.update({ where: { id: input.teamId }, data: { name: input.name } });
    await recordAuditEvent(tx, { teamId: input.teamId, actor: input.actor, action: "team.renamed", details: { from: before.name, to: input.name } });
  });
}

/** The owner's choice whether members may reveal the development secret (production stays owner/admin only). */
export async function setMembersRevealDevelopmentSecret(input: { teamId: string; allowed: boolean; actor: Actor }) {
  await db.$transaction(async (tx) => {
    await tx.team.update({ where: { id: input.teamId }, data: { membersRevealDevelopmentSecret: input.allowed } });
    await recordAuditEvent(tx, {
      teamId: input.teamId, actor: input.actor, action: "team.development_reveal_changed",
      details: { environment: "development", membersMayReveal: input.allowed },
    });
  });
}

/** Turns the team's second-factor requirement on or off; an owner without a second factor can't turn it on (they'd lock themselves out). */
export async function setSecondFactorRequirement(input: { teamId: string; required: boolean; actor: Actor; actorHasSecondFactor: boolean }) {
  if (input.required && !input.actorHasSecondFactor) {
    throw new UserFacingError("Add a passkey or an authenticator app to your own account first (Account page): the requirement applies to you too.");
  }
  await db.$transaction(async (tx) => {
    await tx.team.update({ where: { id: input.teamId }, data: { requireSecondFactor: input.required } });
    await recordAuditEvent(tx, { teamId: input.teamId, actor: input.actor, action: "team.second_factor_requirement_changed", details: { required: input.required } });
  });
}

/**
 * Deletes the team with its projects, secrets and memberships. The exact name must be typed back,
 * checked here so no client can skip it. The audit events stay (they have no foreign keys).
 */
export async function deleteTeam(input: { teamId: string; confirmation: string; actor: Actor }): Promise<{ projects: number }> {
  return db.$transaction(async (tx) => {
    const team = await tx.team.findUniqueOrThrow({ where: { id: input.teamId }, select: { name: true, _count: { select: { projects: true } } } });
    if (input.confirmation.trim() !== team.name) {
      throw new UserFacingError(`Type the team name "${team.name}" exactly to confirm.`, { field: "confirmation" });
    }
    // Environments point at their secrets and secrets at their project: unlink first so the cascade can run.
    await tx.projectEnvironment.updateMany({ where: { project: { teamId: input.teamId } }, data: { currentSecretId: null, previousSecretId: null } });
    await tx.team.delete({ where: { id: input.teamId } });
    const details = { name: team.name, projects: team._count.projects };
    await recordAuditEvent(tx, { teamId: input.teamId, actor: input.actor, action: "team.deleted", details });
    return { projects: team._count.projects };
  });
}
