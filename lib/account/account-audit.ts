import "server-only";
import type { db, DbTransaction } from "@/lib/db";
import { recordAuditEvent, type Actor, type AuditAction, type AuditDetails } from "@/lib/audit/audit-log";

/**
 * Audit events are per team, but a password change or "sign out everywhere" belongs to a person:
 * each team the person is in gets the event, so every team's owners can see it in their own log.
 */
export async function recordAccountEvent(tx: DbTransaction | typeof db, actor: Actor, action: AuditAction, details?: AuditDetails): Promise<void> {
  const memberships = await tx.membership.findMany({ where: { userId: actor.id }, select: { teamId: true } });
  for (const { teamId } of memberships) await recordAuditEvent(tx, { teamId, actor, action, details });
}
