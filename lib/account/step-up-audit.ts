import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent, type Actor, type AuditAction, type AuditDetails } from "@/lib/audit/audit-log";
import { findProjectAccess, findTeamAccess } from "@/lib/authz/access";
import { recordAccountEvent } from "@/lib/account/account-audit";

/** Where a step-up prompt was answered: the project or team page it sits on, if any (Account has neither). */
export type StepUpPlace = { projectId?: string; teamId?: string };

/**
 * A confirmation belongs to the person, but is logged where it happened: the project's or team's log when
 * the caller is a member there (a form naming someone else's project logs nowhere it can't see), else
 * every team of theirs, like a password change.
 */
export async function recordStepUpEvent(actor: Actor, place: StepUpPlace, action: AuditAction, details?: AuditDetails): Promise<void> {
  if (place.projectId) {
    const access = await findProjectAccess(actor.id, place.projectId);
    if (access) return recordAuditEvent(db, { teamId: access.team.id, projectId: access.project.id, actor, action, details });
  }
  if (place.teamId) {
    const access = await findTeamAccess(actor.id, place.teamId);
    if (access) return recordAuditEvent(db, { teamId: access.team.id, actor, action, details });
  }
  return recordAccountEvent(db, actor, action, details);
}
