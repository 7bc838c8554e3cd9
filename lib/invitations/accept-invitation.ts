import "server-only";
import { db } from "@/lib/db";
import { normalizeEmail } from "@/lib/validation/email-address";
import { recordAuditEvent, type Actor } from "@/lib/audit/audit-log";
import { UserFacingError } from "@/lib/result";
import type { InviteRole } from "@/lib/authz/member-rules";
import { hashLinkToken, isLinkTokenShape } from "@/lib/auth/link-token";
import {
  INVITE_EXPIRED,
  INVITE_NOT_FOUND,
  INVITE_REVOKED,
  INVITE_USED,
  wrongEmailMessage,
} from "@/lib/invitations/messages";

export type InviteLinkStatus = "valid" | "expired" | "used" | "revoked";
export type InviteLinkView = { status: InviteLinkStatus; email: string; role: InviteRole; teamId: string; teamName: string; expiresAt: Date };

export const STATUS_MESSAGES: Record<Exclude<InviteLinkStatus, "valid">, string> = {
  expired: INVITE_EXPIRED,
  used: INVITE_USED,
  revoked: INVITE_REVOKED,
};

function statusOf(row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InviteLinkStatus {
  if (row.acceptedAt) return "used";
  if (row.revokedAt) return "revoked";
  if (row.expiresAt.getTime() <= now.getTime()) return "expired";
  return "valid";
}

/** What the public invite page shows: team, role and invited address. Null for an unknown token. */
export async function findInviteLink(token: string, now = new Date()): Promise<InviteLinkView | null> {
  if (!isLinkTokenShape(token)) return null;
  const row = await db.invitation.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: { email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, team: { select: { id: true, name: true } } },
  });
  if (!row) return null;
  return {
    status: statusOf(row, now),
    email: row.email,
    role: row.role === "admin" ? "admin" : "member",
    teamId: row.team.id,
    teamName: row.team.name,
    expiresAt: row.expiresAt,
  };
}

/**
 * Joins the signed-in user to the invite's team. Single use: the link is consumed by a conditional
 * update (`acceptedAt IS NULL`), so two tabs or a replay can't both succeed.
 */
export async function acceptInvitation(input: {
  token: string;
  user: { id: string; email: string };
  actor: Actor;
  now?: Date;
}): Promise<{ teamId: string; teamName: string }> {
  const now = input.now ?? new Date();
  if (!isLinkTokenShape(input.token)) throw new UserFacingError(INVITE_NOT_FOUND);
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({
      where: { tokenHash: hashLinkToken(input.token) },
      select: { id: true, teamId: true, email: true, role: true, acceptedAt: true, revokedAt: true, expiresAt: true, team: { select: { name: true } } },
    });
    if (!invitation) throw new UserFacingError(INVITE_NOT_FOUND);
    const status = statusOf(invitation, now);
    if (status !== "valid") throw new UserFacingError(STATUS_MESSAGES[status]);
    if (normalizeEmail(input.user.email) !== normalizeEmail(invitation.email)) {
      throw new UserFacingError(wrongEmailMessage(invitation.email, input.user.email));
    }
    const member = await tx.membership.findUnique({
      where: { userId_teamId: { userId: input.user.id, teamId: invitation.teamId } },
      select: { id: true },
    });
    if (member) throw new UserFacingError(`You're already a member of ${invitation.team.name}.`);
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now, acceptedById: input.user.id },
    });
    if (count === 0) throw new UserFacingError(INVITE_USED);
    // Never "owner" from a link, whatever a row says: owners are made by owners.
    const role = invitation.role === "admin" ? "admin" : "member";
    await tx.membership.create({ data: { teamId: invitation.teamId, userId: input.user.id, role } });
    await recordAuditEvent(tx, {
      teamId: invitation.teamId,
      actor: input.actor,
      action: "invitation.accepted",
      details: { email: invitation.email, role, invitationId: invitation.id },
    });
    return { teamId: invitation.teamId, teamName: invitation.team.name };
  });
}
