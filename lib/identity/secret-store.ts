import "server-only";
import { db, type DbTransaction } from "@/lib/db";
import { serverConfig } from "@/lib/config/server-config";
import { open, seal } from "@/lib/crypto/secret-box";
import { identitySecretContext } from "@/lib/crypto/identity-secret-context";
import { recordAuditEvent, type Actor } from "@/lib/audit/audit-log";
import { generateIdentitySecret, lastFour, secretFingerprint } from "@/lib/identity/secret";
import { UserFacingError } from "@/lib/result";
import { createRateLimiter, formatRetryAfter } from "@/lib/auth/rate-limit";


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
      ciphertext: seal(secret, identitySecretContext(projectId), key),
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

const LIVE_SECRET_SELECT = { id: true, last4: true, fingerprint: true, createdAt: true, expiresAt: true, ciphertext: true } as const;

export type LiveSecret = { secret: string; summary: SecretSummary; expiresAt: Date | null };

/** The one place stored ciphertext is turned back into a secret. */
function openSecretRow(projectId: string, row: { ciphertext: string | null; expiresAt: Date | null } & SecretSummary): LiveSecret {
  const { ciphertext, expiresAt, ...summary } = row;
  if (!ciphertext) throw new UserFacingError("This secret has been retired; only its fingerprint is kept.");
  try {
    return { secret: open(ciphertext, identitySecretContext(projectId), serverConfig().encryptionKeys), summary, expiresAt };
  } catch {
    // Deliberately leaves the row untouched so an operator can restore the right key.
    throw new UserFacingError(
      "The stored secret could not be decrypted (wrong REQIO_ENCRYPTION_KEY or a tampered database). Nothing was changed.",
    );
  }
}

/** The current secret and, during a grace period, the previous one, decrypted (explicitly asked for). */
export async function decryptLiveSecrets(projectId: string): Promise<{ current: LiveSecret; previous: LiveSecret | null }> {
  const project = await db.project.findUnique({
    where: { id: projectId },
    select: { currentSecret: { select: LIVE_SECRET_SELECT }, previousSecret: { select: LIVE_SECRET_SELECT } },
  });
  if (!project?.currentSecret?.ciphertext) throw new UserFacingError("This project has no signing secret. Rotate to create one.");
  const previous = project.previousSecret?.ciphertext ? openSecretRow(projectId, project.previousSecret) : null;
  return { current: openSecretRow(projectId, project.currentSecret), previous };
}

export async function decryptCurrentSecret(projectId: string): Promise<{ secret: string; summary: SecretSummary }> {
  const { current } = await decryptLiveSecrets(projectId);
  return { secret: current.secret, summary: current.summary };
}

const revealsPerUser = createRateLimiter({ keyPrefix: "reveal:user", points: 20, durationSeconds: 60 * 60 });

/** Reveal = decrypt + an audit event naming who saw which secret (by fingerprint); 20 per user per hour. */
export async function revealIdentitySecret(input: { projectId: string; teamId: string; actor: Actor }) {
  const verdict = await revealsPerUser.consume(input.actor.id);
  if (!verdict.allowed) {
    throw new UserFacingError(`You've revealed secrets 20 times in the last hour. Try again in ${formatRetryAfter(verdict.retryAfterSeconds)}.`);
  }
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
