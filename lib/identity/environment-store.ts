// Creating a project's environments: with a new project, and at boot for projects from before
// environments existed (their secret became Production in the migration; Development is made here).
import "server-only";
import { db, type DbTransaction } from "@/lib/db";
import { issueIdentitySecret } from "@/lib/identity/secret-store";
import { recordAuditEvent, SYSTEM_ACTOR } from "@/lib/audit/audit-log";
import { ENVIRONMENTS, type Environment } from "@/lib/identity/environments";
import { describeError, log } from "@/lib/log";

/** The environment row with its first secret, in the caller's transaction; returns the secret's fingerprint. */
export async function createEnvironment(tx: DbTransaction, projectId: string, environment: Environment, createdById: string | null): Promise<string> {
  const { summary } = await issueIdentitySecret(tx, projectId, environment, createdById);
  await tx.projectEnvironment.create({ data: { projectId, slug: environment, currentSecretId: summary.id }, select: { id: true } });
  return summary.fingerprint;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === "P2002";

/**
 * Gives every project each environment it lacks, with a fresh secret and an audit event. Idempotent and
 * safe on several instances at once: the (project, slug) unique key lets one of them create it.
 */
export async function createMissingEnvironments(): Promise<number> {
  let created = 0;
  for (const environment of ENVIRONMENTS) {
    const lacking = await db.project.findMany({ where: { environments: { none: { slug: environment } } }, select: { id: true, teamId: true } });
    for (const project of lacking) {
      try {
        await db.$transaction(async (tx) => {
          const fingerprint = await createEnvironment(tx, project.id, environment, null);
          await recordAuditEvent(tx, {
            teamId: project.teamId, projectId: project.id, actor: SYSTEM_ACTOR, action: "environment.created",
            details: { environment, fingerprint },
          });
        });
        created += 1;
      } catch (error) {
        if (isUniqueViolation(error)) continue; // another instance created it first
        log("warn", "could not create a project's environment", { projectId: project.id, environment, error: describeError(error) });
      }
    }
  }
  return created;
}
