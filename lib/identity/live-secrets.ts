// Turns the stored ciphertext of a project's live secrets back into secrets. Plain Node (no
// "server-only"): the identify server loads its keys through here outside Next's build.
import { db } from "@/lib/db";
import { serverConfig } from "@/lib/config/server-config";
import { open } from "@/lib/crypto/secret-box";
import { identitySecretContext } from "@/lib/crypto/identity-secret-context";
import { UserFacingError } from "@/lib/result";

export type SecretSummary = { id: string; last4: string; fingerprint: string; createdAt: Date };
export type LiveSecret = { secret: string; summary: SecretSummary; expiresAt: Date | null };

const LIVE_SECRET_SELECT = { id: true, last4: true, fingerprint: true, createdAt: true, expiresAt: true, ciphertext: true } as const;

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
