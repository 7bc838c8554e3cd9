// Retired secrets, kept 30 days for one purpose: telling a customer whose server still signs with one
// "signed with the secret that stopped verifying at …". Sealed under their own context (they can never
// open as a live secret) and never verify a token. Plain Node: the identify server loads them too.
import { db, type DbTransaction } from "@/lib/db";
import { serverConfig } from "@/lib/config/server-config";
import { open, seal } from "@/lib/crypto/secret-box";
import { identitySecretContext, retiredSecretContext } from "@/lib/crypto/identity-secret-context";
import { hmacKeyFromSecret } from "@/lib/identity/secret";
import type { RetiredKey } from "@/lib/identity/token-verifier";

/** How long a retired secret is kept for diagnosis, then deleted (only its fingerprint stays). */
export const RETIRED_SECRET_DIAGNOSIS_MS = 30 * 24 * 60 * 60 * 1000;
const MAX_RETIRED_KEYS = 5;

/** The diagnosis-only ciphertext for a secret being retired, or null when its live ciphertext can't be opened. */
export function sealForDiagnosis(projectId: string, environment: string, liveCiphertext: string | null): string | null {
  const [primary] = serverConfig().encryptionKeys;
  if (!liveCiphertext || !primary) return null;
  try {
    const secret = open(liveCiphertext, identitySecretContext(projectId, environment), serverConfig().encryptionKeys);
    return seal(secret, retiredSecretContext(projectId, environment), primary);
  } catch {
    return null; // an unreadable secret can't be diagnosed later either: retire it without a copy
  }
}

/** The project's secrets retired in the last 30 days, newest first, as keys the verifier only diagnoses with. */
export async function retiredKeysFor(projectId: string, now = Date.now()): Promise<RetiredKey[]> {
  const rows = await db.identitySecret.findMany({
    where: { projectId, retiredAt: { gt: new Date(now - RETIRED_SECRET_DIAGNOSIS_MS) }, diagnosisCiphertext: { not: null } },
    orderBy: { retiredAt: "desc" },
    take: MAX_RETIRED_KEYS,
    select: { id: true, environment: true, last4: true, retiredAt: true, retiredById: true, diagnosisCiphertext: true },
  });
  const actorIds = [...new Set(rows.map((row) => row.retiredById).filter((id): id is string => id !== null))];
  const actors = actorIds.length === 0 ? [] : await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } });
  const nameOf = new Map(actors.map((actor) => [actor.id, actor.name]));
  const keys: RetiredKey[] = [];
  for (const row of rows) {
    try {
      const secret = open(row.diagnosisCiphertext!, retiredSecretContext(projectId, row.environment), serverConfig().encryptionKeys);
      const retiredBy = row.retiredById === null ? "the grace-period timer" : (nameOf.get(row.retiredById) ?? "a former member");
      keys.push({ id: row.id, last4: row.last4, key: hmacKeyFromSecret(secret), retiredAt: row.retiredAt!.getTime(), retiredBy });
    } catch {
      // Sealed under a master key no longer configured: that secret is simply not diagnosed.
    }
  }
  return keys;
}

/** Deletes diagnosis copies older than 30 days. Run by the expiry sweep. */
export async function purgeRetiredSecrets(now = new Date(), tx: DbTransaction | typeof db = db): Promise<number> {
  const { count } = await tx.identitySecret.updateMany({
    where: { diagnosisCiphertext: { not: null }, retiredAt: { lte: new Date(now.getTime() - RETIRED_SECRET_DIAGNOSIS_MS) } },
    data: { diagnosisCiphertext: null },
  });
  return count;
}
