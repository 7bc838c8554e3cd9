import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/audit/audit-log";
import { endEverySession } from "@/lib/auth/user-sessions";
import { recordAccountEvent } from "@/lib/account/account-audit";
import { UserFacingError } from "@/lib/result";

export type AccountSession = { id: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date; ip: string; userAgent: string };

/** The user's sessions that haven't ended, most recently active first (the Account page's list). */
export async function listSessions(userId: string, now = new Date()): Promise<AccountSession[]> {
  return db.userSession.findMany({
    where: { userId, expiresAt: { gt: now } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, ip: true, userAgent: true },
  });
}

export const SESSION_ALREADY_ENDED = "That session has already ended.";

/** Ends one of the actor's own sessions; another user's session ID is "already ended", never a hint. */
export async function revokeSession(actor: Actor, sessionId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.userSession.deleteMany({ where: { id: sessionId, userId: actor.id } });
    if (count === 0) throw new UserFacingError(SESSION_ALREADY_ENDED);
    await recordAccountEvent(tx, actor, "session.revoked");
  });
}

/** "Sign out of all sessions": every session of this user, this one included, ends at its next request. */
export async function signOutEverywhere(actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    await endEverySession(tx, actor.id);
    await recordAccountEvent(tx, actor, "sessions.revoked");
  });
}
