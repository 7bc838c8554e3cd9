import "server-only";
import { db, type DbTransaction } from "@/lib/db";

import type { AuditAction } from "@/lib/audit/audit-actions";

export type { AuditAction };

/** Who did it and from where; taken from the request by lib/http/request-context.ts. */
export type Actor = { id: string; email: string; ip: string | null; userAgent: string | null };

export type AuditDetails = Record<string, string | number | boolean | null>;

/** For events no person caused, e.g. a grace period running out. */
export type SystemActor = { id: null; email: "system"; ip: null; userAgent: null };
export const SYSTEM_ACTOR: SystemActor = { id: null, email: "system", ip: null, userAgent: null };

/** Appends one event. Details hold names and fingerprints, never a secret or a token. */
export async function recordAuditEvent(
  client: DbTransaction | typeof db,
  event: { teamId: string; projectId?: string; actor: Actor | SystemActor; action: AuditAction; details?: AuditDetails },
): Promise<void> {
  await client.auditEvent.create({
    data: {
      teamId: event.teamId,
      projectId: event.projectId ?? null,
      actorId: event.actor.id,
      actorLabel: event.actor.email,
      action: event.action,
      ip: event.actor.ip,
      userAgent: event.actor.userAgent?.slice(0, 512) ?? null,
      details: JSON.stringify(event.details ?? {}),
    },
  });
}

/** The event that made the secret with this fingerprint (any environment's): its rotation, or its creation. */
export async function latestSecretChange(projectId: string, fingerprint: string) {
  return db.auditEvent.findFirst({
    where: { projectId, action: { in: ["secret.rotated", "project.created", "environment.created"] }, details: { contains: `"${fingerprint}"` } },
    orderBy: { createdAt: "desc" },
    select: { action: true, actorLabel: true, createdAt: true },
  });
}
