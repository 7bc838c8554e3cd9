import "server-only";
import { db, type DbTransaction } from "@/lib/db";
import { serverConfig } from "@/lib/config/server-config";
import { open, seal } from "@/lib/crypto/secret-box";
import { recordAuditEvent, type Actor } from "@/lib/audit/audit-log";
import { generateIdentitySecret, lastFour, secretFingerprint } from "@/lib/identity/secret";
import { UserFacingError } from "@/lib/result";

/** Binds a ciphertext to its project: moved onto another project's row, it no longer opens. */
function sealContext(projectId: string): string {
  return `reqio:identity-secret:${projectId}`;
}

export type SecretSummary = { id: string; last4: string; fingerprint: string; createdAt: Date };

/** Stores a fresh secret as the project's current one. Runs inside the caller's transaction. */
export async function issueIdentitySecret(tx: DbTransaction, projectId: string, createdById: string) {
  const secret = generateIdentitySecret();
  const [key] = serverConfig().encryptionKeys;
  if (!key) throw new Error("no encryption key configured");
  const row = await tx.identitySecret.create({
    data: {
      projectId,
      createdById,
      ciphertext: seal(secret, sealContext(projectId), key),
      last4: lastFour(secret),
      fingerprint: secretFingerprint(secret),
    },
    select: { id: true, last4: true, fingerprint: true, createdAt: true },
  });
  return { secret, summary: row satisfies SecretSummary };
}

export async function currentSecretSummary(projectId: string): Promise<SecretSummary | null> {
  const project = await db.project.findUnique({
    where: { id: projectId },
    select: { currentSecret: { select: { id: true, last4: true, fingerprint: true, createdAt: true } } },
  });
  return project?.currentSecret ?? null;
}

/** The one function that turns stored ciphertext back into a secret. */
export async function decryptCurrentSecret(projectId: string): Promise<{ secret: string; summary: SecretSummary }> {
  const project = await db.project.findUnique({
    where: { id: projectId },
    select: {
      currentSecret: {
        select: { id: true, last4: true, fingerprint: true, createdAt: true, ciphertext: true },
      },
    },
  });
  const row = project?.currentSecret;
  if (!row?.ciphertext) throw new UserFacingError("This project has no signing secret. Rotate to create one.");
  const { ciphertext, ...summary } = row;
  try {
    return { secret: open(ciphertext, sealContext(projectId), serverConfig().encryptionKeys), summary };
  } catch {
    // Deliberately leaves the row untouched so an operator can restore the right key.
    throw new UserFacingError(
      "The stored secret could not be decrypted (wrong REQIO_ENCRYPTION_KEY or a tampered database). Nothing was changed.",
    );
  }
}

/** Reveal = decrypt + an audit event naming who saw which secret (by fingerprint). */
export async function revealIdentitySecret(input: { projectId: string; teamId: string; actor: Actor }) {
  const revealed = await decryptCurrentSecret(input.projectId);
  await recordAuditEvent(db, {
    teamId: input.teamId,
    projectId: input.projectId,
    actor: input.actor,
    action: "secret.revealed",
    details: { fingerprint: revealed.summary.fingerprint },
  });
  return revealed;
}

/**
 * Replaces the current secret in one transaction. `expectedSecretId` is the secret the admin saw
 * when confirming: a double submit or a second tab finds it already replaced and changes nothing.
 */
export async function rotateIdentitySecret(input: {
  projectId: string;
  teamId: string;
  expectedSecretId: string;
  actor: Actor;
}): Promise<{ secret: string; summary: SecretSummary }> {
  return db.$transaction(async (tx) => {
    const issued = await issueIdentitySecret(tx, input.projectId, input.actor.id);
    const swapped = await tx.project.updateMany({
      where: { id: input.projectId, currentSecretId: input.expectedSecretId },
      data: { currentSecretId: issued.summary.id },
    });
    if (swapped.count !== 1) {
      throw new UserFacingError("The secret was already rotated (another tab or a double click). Reload to see the current one.");
    }
    // The old secret stops working now; only its fingerprint stays, for the audit trail.
    const retired = await tx.identitySecret.update({
      where: { id: input.expectedSecretId },
      data: { ciphertext: null, retiredAt: new Date() },
      select: { fingerprint: true },
    });
    await recordAuditEvent(tx, {
      teamId: input.teamId,
      projectId: input.projectId,
      actor: input.actor,
      action: "secret.rotated",
      details: { previousFingerprint: retired.fingerprint, newFingerprint: issued.summary.fingerprint },
    });
    return issued;
  });
}
