// Turns the stored ciphertext of a project's live secrets back into secrets. Plain Node (no
// "server-only"): the identify server loads its keys through here outside Next's build.
import { db } from "@/lib/db";
import { serverConfig } from "@/lib/config/server-config";
import { open } from "@/lib/crypto/secret-box";
import { identitySecretContext } from "@/lib/crypto/identity-secret-context";
import { UserFacingError } from "@/lib/result";
import { ENVIRONMENT_LABELS, ENVIRONMENTS, isEnvironment, type Environment } from "@/lib/identity/environments";

export type SecretSummary = { id: string; last4: string; fingerprint: string; createdAt: Date };
export type LiveSecret = { secret: string; summary: SecretSummary; expiresAt: Date | null };
export type LiveSecretPair = { current: LiveSecret; previous: LiveSecret | null };

const LIVE_SECRET_SELECT = { id: true, last4: true, fingerprint: true, createdAt: true, expiresAt: true, ciphertext: true } as const;
type SecretRow = { ciphertext: string | null; expiresAt: Date | null } & SecretSummary;

/** The one place stored ciphertext is turned back into a secret. */
function openSecretRow(projectId: string, environment: Environment, row: SecretRow): LiveSecret {
  const { ciphertext, expiresAt, ...summary } = row;
  if (!ciphertext) throw new UserFacingError("This secret has been retired; only its fingerprint is kept.");
  try {
    return { secret: open(ciphertext, identitySecretContext(projectId, environment), serverConfig().encryptionKeys), summary, expiresAt };
  } catch {
    // Deliberately leaves the row untouched so an operator can restore the right key.
    throw new UserFacingError(
      "The stored secret could not be decrypted (wrong REQIO_ENCRYPTION_KEY or a tampered database). Nothing was changed.",
    );
  }
}

function openPair(projectId: string, environment: Environment, row: { currentSecret: SecretRow | null; previousSecret: SecretRow | null } | null): LiveSecretPair {
  if (!row?.currentSecret?.ciphertext) {
    throw new UserFacingError(`This project has no ${ENVIRONMENT_LABELS[environment].toLowerCase()} signing secret yet. Reload in a moment; if it stays missing, rotate to create one.`);
  }
  const previous = row.previousSecret?.ciphertext ? openSecretRow(projectId, environment, row.previousSecret) : null;
  return { current: openSecretRow(projectId, environment, row.currentSecret), previous };
}

const PAIR_SELECT = { currentSecret: { select: LIVE_SECRET_SELECT }, previousSecret: { select: LIVE_SECRET_SELECT } } as const;

/** One environment's current secret and, during a grace period, its previous one, decrypted (explicitly asked for). */
export async function decryptLiveSecrets(projectId: string, environment: Environment): Promise<LiveSecretPair> {
  const row = await db.projectEnvironment.findUnique({ where: { projectId_slug: { projectId, slug: environment } }, select: PAIR_SELECT });
  return openPair(projectId, environment, row);
}

/** Every environment's live secrets, for the verifier: one query however many environments. */
export async function decryptAllLiveSecrets(projectId: string): Promise<{ environment: Environment; secrets: LiveSecretPair }[]> {
  const rows = await db.projectEnvironment.findMany({ where: { projectId }, select: { slug: true, ...PAIR_SELECT } });
  const known = rows.filter((row) => isEnvironment(row.slug) && row.currentSecret?.ciphertext);
  // In ENVIRONMENTS order, production first: its tokens, the common case, verify on the first key tried.
  known.sort((a, b) => ENVIRONMENTS.indexOf(a.slug as Environment) - ENVIRONMENTS.indexOf(b.slug as Environment));
  return known.map((row) => ({ environment: row.slug as Environment, secrets: openPair(projectId, row.slug as Environment, row) }));
}
