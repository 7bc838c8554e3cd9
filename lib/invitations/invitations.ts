import "server-only";
import { db, type DbTransaction } from "@/lib/db";
import type { Role } from "@/lib/authz/roles";
import { normalizeEmail } from "@/lib/validation/email-address";
import { recordAuditEvent, type Actor } from "@/lib/audit/audit-log";
import { serverConfig } from "@/lib/config/server-config";
import { UserFacingError } from "@/lib/result";
import { invitableRoles, type InviteRole } from "@/lib/authz/member-rules";
import { generateLinkToken } from "@/lib/auth/link-token";
import { emailInvite } from "@/lib/invitations/invite-mailer";
import {
  alreadyMemberMessage,
  CANNOT_INVITE_ROLE,
  INVITATION_ALREADY_ACCEPTED,
  INVITATION_NOT_FOUND,
} from "@/lib/invitations/messages";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type PendingInvitation = { id: string; email: string; role: InviteRole; createdAt: Date; expiresAt: Date; expired: boolean };

export function inviteLink(token: string): string {
  return `${serverConfig().appUrl}/invite/${token}`;
}

/**
 * Creates a single-use invite and returns its link: the only time the token exists outside the
 * hash. Inviting the same address again replaces (revokes) the earlier pending link.
 */
/** Enough for onboarding a whole department in a day; a cap so a stolen admin session can't spam. */
export const INVITES_PER_TEAM_PER_DAY = 50;
const DAY_MS = 24 * 60 * 60 * 1000;
export const TOO_MANY_INVITES = `This team has sent ${INVITES_PER_TEAM_PER_DAY} invites in the last 24 hours, the most it may. Try again tomorrow, or share a pending invite's link again.`;

/**
 * Revokes the pending invites `userId` sent to this team once they may no longer invite (removed, left,
 * or demoted to member): a link keeps only the authority its sender still has. Inside the caller's transaction.
 */
export async function revokeInvitationsSentBy(tx: DbTransaction, teamId: string, userId: string, roleNow: Role | null, actor: Actor, now = new Date()): Promise<void> {
  if (roleNow && invitableRoles(roleNow).length > 0) return;
  const pending = await tx.invitation.findMany({ where: { teamId, createdById: userId, acceptedAt: null, revokedAt: null }, select: { id: true, email: true } });
  for (const invitation of pending) {
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: now } });
    await recordAuditEvent(tx, { teamId, actor, action: "invitation.revoked", details: { email: invitation.email, invitationId: invitation.id, reason: "sender_can_no_longer_invite" } });
  }
}

export async function createInvitation(input: {
  teamId: string;
  email: string;
  /** Any role may be asked for; only the ones invitableRoles() allows get through. */
  role: Role;
  actorRole: Role;
  actor: Actor;
  now?: Date;
}): Promise<{ invitationId: string; email: string; link: string; expiresAt: Date; emailed: boolean }> {
  const now = input.now ?? new Date();
  const email = normalizeEmail(input.email);
  const role = invitableRoles(input.actorRole).find((allowed) => allowed === input.role);
  if (!role) throw new UserFacingError(CANNOT_INVITE_ROLE, { field: "role" });
  const { token, tokenHash } = generateLinkToken();
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);

  const { invitation, teamName } = await db.$transaction(async (tx) => {
    const sentToday = await tx.invitation.count({ where: { teamId: input.teamId, createdAt: { gt: new Date(now.getTime() - DAY_MS) } } });
    if (sentToday >= INVITES_PER_TEAM_PER_DAY) throw new UserFacingError(TOO_MANY_INVITES);
    const member = await tx.membership.findFirst({ where: { teamId: input.teamId, user: { email } }, select: { id: true } });
    if (member) throw new UserFacingError(alreadyMemberMessage(email), { field: "email" });
    const replaced = await tx.invitation.updateMany({
      where: { teamId: input.teamId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const invitation = await tx.invitation.create({
      data: { teamId: input.teamId, email, role, tokenHash, createdById: input.actor.id, createdAt: now, expiresAt },
      select: { id: true, team: { select: { name: true } } },
    });
    await recordAuditEvent(tx, {
      teamId: input.teamId,
      actor: input.actor,
      action: "member.invited",
      details: { email, role, invitationId: invitation.id, expiresAt: expiresAt.toISOString(), replacedPending: replaced.count },
    });
    return { invitation, teamName: invitation.team.name };
  });

  const link = inviteLink(token);
  const emailed = await emailInvite({ to: email, teamName, invitedBy: input.actor.email, role, link, expiresAt });
  return { invitationId: invitation.id, email, link, expiresAt, emailed };
}

/** Revokes a pending invite of this team; another team's invitation ID is simply "not found". */
export async function revokeInvitation(input: { teamId: string; invitationId: string; actor: Actor; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  await db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({
      where: { id: input.invitationId, teamId: input.teamId },
      select: { id: true, email: true, role: true, acceptedAt: true, revokedAt: true },
    });
    if (!invitation) throw new UserFacingError(INVITATION_NOT_FOUND);
    if (invitation.acceptedAt) throw new UserFacingError(INVITATION_ALREADY_ACCEPTED);
    if (invitation.revokedAt) return; // already revoked: the outcome the admin asked for
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    if (count === 0) throw new UserFacingError(INVITATION_ALREADY_ACCEPTED);
    await recordAuditEvent(tx, {
      teamId: input.teamId,
      actor: input.actor,
      action: "invitation.revoked",
      details: { email: invitation.email, role: invitation.role, invitationId: invitation.id },
    });
  });
}

/** Not yet accepted or revoked; expired ones are listed too so admins see why nobody joined. */
export async function listPendingInvitations(teamId: string, now = new Date()): Promise<PendingInvitation[]> {
  const rows = await db.invitation.findMany({
    where: { teamId, acceptedAt: null, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
  });
  return rows.map((row) => ({
    ...row,
    role: row.role === "admin" ? "admin" : "member",
    expired: row.expiresAt.getTime() <= now.getTime(),
  }));
}
