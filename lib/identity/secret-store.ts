import "server-only";
import { db, type DbTransaction } from "@/lib/db";
import { serverConfig } from "@/lib/config/server-config";
import { seal } from "@/lib/crypto/secret-box";
import { decryptLiveSecrets, type SecretSummary } from "@/lib/identity/live-secrets";
import { identitySecretContext } from "@/lib/crypto/identity-secret-context";
import { recordAuditEvent, type Actor } from "@/lib/audit/audit-log";
import { generateIdentitySecret, lastFour, secretFingerprint } from "@/lib/identity/secret";
import type { Environment } from "@/lib/identity/environments";

/** Stores a fresh secret for the environment (the caller makes it current). Runs inside the caller's transaction. */
export async function issueIdentitySecret(tx: DbTransaction, projectId: string, environment: Environment, createdById: string | null) {
  const secret = generateIdentitySecret(environment);
  const [key] = serverConfig().encryptionKeys;
  if (!key) throw new Error("no encryption key configured");
  const row = await tx.identitySecret.create({
    data: {
      projectId,
      environment,
      createdById,
      ciphertext: seal(secret, identitySecretContext(projectId, environment), key),
      last4: lastFour(secret),
      fingerprint: secretFingerprint(secret),
    },
    select: { id: true, last4: true, fingerprint: true, createdAt: true },
  });
  return { secret, summary: row satisfies SecretSummary };
}

export async function currentSecretSummary(projectId: string, environment: Environment): Promise<SecretSummary | null> {
  const row = await db.projectEnvironment.findUnique({
    where: { projectId_slug: { projectId, slug: environment } },
    select: { currentSecret: { select: { id: true, last4: true, fingerprint: true, createdAt: true } } },
  });
  return row?.currentSecret ?? null;
}

export async function decryptCurrentSecret(projectId: string, environment: Environment): Promise<{ secret: string; summary: SecretSummary }> {
  const { current } = await decryptLiveSecrets(projectId, environment);
  return { secret: current.secret, summary: current.summary };
}

/** Reveal = decrypt + an audit event naming who saw which environment's secret (by fingerprint). */
export async function revealIdentitySecret(input: { projectId: string; teamId: string; environment: Environment; actor: Actor }) {
  const revealed = await decryptCurrentSecret(input.projectId, input.environment);
  await recordAuditEvent(db, {
    teamId: input.teamId,
    projectId: input.projectId,
    actor: input.actor,
    action: "secret.revealed",
    details: { environment: input.environment, fingerprint: revealed.summary.fingerprint },
  });
  return revealed;
}
