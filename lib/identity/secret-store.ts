import "server-only";
import { db, type DbTransaction } from "@/lib/db";
import { serverConfig } from "@/lib/config/server-config";
import { seal } from "@/lib/crypto/secret-box";
import { decryptLiveSecrets, type SecretSummary } from "@/lib/identity/live-secrets";
import { identitySecretContext } from "@/lib/crypto/identity-secret-context";
import { recordAuditEvent, type Actor } from "@/lib/audit/audit-log";
import { generateIdentitySecret, lastFour, secretFingerprint } from "@/lib/identity/secret";

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

export async function decryptCurrentSecret(projectId: string): Promise<{ secret: string; summary: SecretSummary }> {
  const { current } = await decryptLiveSecrets(projectId);
  return { secret: current.secret, summary: current.summary };
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
