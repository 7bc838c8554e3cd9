import "server-only";
import { db } from "@/lib/db";
import { decryptCurrentSecret } from "@/lib/identity/secret-store";
import { hmacKeyFromSecret } from "@/lib/identity/secret";
import { isProjectId } from "@/lib/identity/project-id";
import { projectAudience } from "@/lib/identity/identity-page-data";
import type { VerifierKey } from "@/lib/identity/token-verifier";

export type ProjectVerification = { audience: string; keys: VerifierKey[] };
type Cached = ProjectVerification & { secretId: string; checkedAt: number };

// How long a process trusts its cached view of which secret is current before asking the
// database again: bounds how late another instance's rotation is noticed.
const FRESH_MS = 500;
const cache = new Map<string, Cached>();

/**
 * The audience and keys that verify this project's tokens, or null for an unknown project.
 * The decrypted key is kept per secret ID, so a rotation (a new ID) invalidates it by itself.
 */
export async function projectVerification(projectId: string, now = Date.now()): Promise<ProjectVerification | null> {
  if (!isProjectId(projectId)) return null;
  const cached = cache.get(projectId);
  if (cached && now - cached.checkedAt < FRESH_MS) return cached;
  const row = await db.project.findUnique({ where: { id: projectId }, select: { currentSecretId: true } });
  if (!row?.currentSecretId) {
    cache.delete(projectId);
    return null;
  }
  if (cached?.secretId === row.currentSecretId) {
    cached.checkedAt = now;
    return cached;
  }
  const { secret, summary } = await decryptCurrentSecret(projectId);
  const entry: Cached = {
    secretId: summary.id,
    checkedAt: now,
    audience: projectAudience(projectId),
    keys: [{ id: summary.id, label: `current secret ••••${summary.last4}`, key: hmacKeyFromSecret(secret) }],
  };
  cache.set(projectId, entry);
  return entry;
}

/** Called after a rotation or deletion in this process so the next request re-reads at once. */
export function forgetProjectVerification(projectId: string): void {
  cache.delete(projectId);
}
