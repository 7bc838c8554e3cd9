import "server-only";
import { db, type DbTransaction } from "@/lib/db";
import { recordAuditEvent, SYSTEM_ACTOR, type Actor } from "@/lib/audit/audit-log";
import { issueIdentitySecret } from "@/lib/identity/secret-store";
import { sealForDiagnosis } from "@/lib/identity/retired-secrets";
import type { SecretSummary } from "@/lib/identity/live-secrets";
import { GRACE_PERIODS, type GracePeriod } from "@/lib/identity/grace-period";
import { UserFacingError } from "@/lib/result";
import type { Environment } from "@/lib/identity/environments";

/**
 * Ends a secret: its live ciphertext is deleted (it never verifies again) and a diagnosis-only copy
 * is kept for 30 days (lib/identity/retired-secrets.ts); records who or what ended it.
 */
async function retireSecret(tx: DbTransaction, secretId: string, now: Date, actorId: string | null) {
  const live = await tx.identitySecret.findUniqueOrThrow({ where: { id: secretId }, select: { projectId: true, environment: true, ciphertext: true } });
  const diagnosisCiphertext = sealForDiagnosis(live.projectId, live.environment, live.ciphertext);
  return tx.identitySecret.update({
    where: { id: secretId },
    data: { ciphertext: null, diagnosisCiphertext, retiredAt: now, retiredById: actorId, expiresAt: null },
    select: { fingerprint: true, last4: true },
  });
}

/**
 * Replaces one environment's current secret in one transaction; the other environments are untouched. The replaced one keeps verifying for `grace`
 * (at most two live secrets: a rotation during a grace period ends the older one now).
 * `expectedSecretId` is the secret the admin confirmed: a double submit, a replay after the
 * dialog closed, or a second tab finds it already replaced and changes nothing.
 */
export async function rotateIdentitySecret(input: {
  projectId: string;
  teamId: string;
  environment: Environment;
  expectedSecretId: string;
  actor: Actor;
  grace?: GracePeriod;
  now?: Date;
}): Promise<{ secret: string; summary: SecretSummary; previousExpiresAt: Date | null }> {
  const grace = input.grace ?? "immediately";
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const where = { projectId: input.projectId, slug: input.environment };
    // Conditional write first: it takes the environment's row lock, so concurrent rotations wait here and
    // then find the secret replaced (instead of deadlocking on PostgreSQL after inserting theirs).
    const claimed = await tx.projectEnvironment.updateMany({ where: { ...where, currentSecretId: input.expectedSecretId }, data: { updatedAt: now } });
    if (claimed.count !== 1) {
      throw new UserFacingError("The secret was already rotated (another tab or a double click). Nothing changed; reload to see the current one.");
    }
    const row = await tx.projectEnvironment.findUniqueOrThrow({ where: { projectId_slug: where }, select: { previousSecretId: true } });
    const issued = await issueIdentitySecret(tx, input.projectId, input.environment, input.actor.id);
    const previousExpiresAt = grace === "immediately" ? null : new Date(now.getTime() + GRACE_PERIODS[grace].ms);
    const swapped = await tx.projectEnvironment.updateMany({
      where: { ...where, currentSecretId: input.expectedSecretId, previousSecretId: row.previousSecretId },
      data: { currentSecretId: issued.summary.id, previousSecretId: previousExpiresAt ? input.expectedSecretId : null },
    });
    if (swapped.count !== 1) throw new UserFacingError("The secret changed while rotating. Nothing changed; reload and try again.");
    await tx.project.update({ where: { id: input.projectId }, data: { updatedAt: now } }); // the sidebar lists recently rotated projects first
    const environment = input.environment;

    if (row.previousSecretId) {
      const ended = await retireSecret(tx, row.previousSecretId, now, input.actor.id);
      await recordAuditEvent(tx, {
        teamId: input.teamId, projectId: input.projectId, actor: input.actor, action: "secret.previous_expired",
        details: { environment, fingerprint: ended.fingerprint, reason: "rotated again during its grace period" },
      });
    }
    const replaced = previousExpiresAt
      ? await tx.identitySecret.update({ where: { id: input.expectedSecretId }, data: { expiresAt: previousExpiresAt }, select: { fingerprint: true } })
      : await retireSecret(tx, input.expectedSecretId, now, input.actor.id);
    await recordAuditEvent(tx, {
      teamId: input.teamId, projectId: input.projectId, actor: input.actor, action: "secret.rotated",
      details: { environment, grace, previousFingerprint: replaced.fingerprint, newFingerprint: issued.summary.fingerprint, previousExpiresAt: previousExpiresAt?.toISOString() ?? null },
    });
    return { ...issued, previousExpiresAt };
  });
}

/** Ends an environment's previous secret now ("Expire now", or the timer when `actor` is the system). */
export async function expirePreviousSecret(input: {
  projectId: string;
  teamId: string;
  environment: string;
  expectedSecretId: string;
  actor: Actor | typeof SYSTEM_ACTOR;
  now?: Date;
}): Promise<void> {
  const now = input.now ?? new Date();
  await db.$transaction(async (tx) => {
    const cleared = await tx.projectEnvironment.updateMany({
      where: { projectId: input.projectId, slug: input.environment, previousSecretId: input.expectedSecretId },
      data: { previousSecretId: null },
    });
    if (cleared.count !== 1) throw new UserFacingError("That previous secret has already expired. Nothing to do.");
    const ended = await retireSecret(tx, input.expectedSecretId, now, input.actor.id);
    await recordAuditEvent(tx, {
      teamId: input.teamId, projectId: input.projectId, actor: input.actor, action: "secret.previous_expired",
      details: { environment: input.environment, fingerprint: ended.fingerprint, reason: input.actor.id ? "expired now by an admin" : "grace period ended" },
    });
  });
}

/** Expires every previous secret whose grace period is over. Safe to run from several places at once. */
export async function expireDueSecrets(now = new Date(), projectId?: string): Promise<number> {
  const due = await db.identitySecret.findMany({
    where: { expiresAt: { lte: now }, retiredAt: null, previousOf: { isNot: null }, ...(projectId ? { projectId } : {}) },
    select: { id: true, projectId: true, environment: true, project: { select: { teamId: true } } },
  });
  let expired = 0;
  for (const secret of due) {
    try {
      const { projectId, environment } = secret;
      await expirePreviousSecret({ projectId, teamId: secret.project.teamId, environment, expectedSecretId: secret.id, actor: SYSTEM_ACTOR, now });
      expired += 1;
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error; // someone else expired it first
    }
  }
  return expired;
}
