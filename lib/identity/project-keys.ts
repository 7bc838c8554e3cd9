import "server-only";
import { db } from "@/lib/db";
import { decryptLiveSecrets } from "@/lib/identity/secret-store";
import { hmacKeyFromSecret } from "@/lib/identity/secret";
import { isProjectId } from "@/lib/identity/project-id";
import { projectAudience } from "@/lib/identity/identity-page-data";
import type { VerifierKey } from "@/lib/identity/token-verifier";

export type ProjectVerification = { audience: string; keys: VerifierKey[] };
type TimedKey = { key: VerifierKey; expiresAt: number | null };
type Cached = { audience: string; keys: TimedKey[]; versionTag: string; checkedAt: number };

// How long a process trusts its cached view of which secrets are live before asking the database
// again: bounds how late another instance's rotation or expiry is noticed.
const FRESH_MS = 500;
const cache = new Map<string, Cached>();

/**
 * The audience and keys that verify this project's tokens right now (the current secret, plus the
 * previous one until its grace period ends), or null for an unknown project. Secrets are decrypted
 * only when the (current, previous) pair changes; a grace period ends on time without any write.
 */
export async function projectVerification(projectId: string, now = Date.now()): Promise<ProjectVerification | null> {
  if (!isProjectId(projectId)) return null;
  let cached = cache.get(projectId);
  if (!cached || now - cached.checkedAt >= FRESH_MS) cached = (await refresh(projectId, cached, now)) ?? undefined;
  if (!cached) return null;
  return {
    audience: cached.audience,
    keys: cached.keys.filter((entry) => entry.expiresAt === null || now < entry.expiresAt).map((entry) => entry.key),
  };
}

async function refresh(projectId: string, cached: Cached | undefined, now: number): Promise<Cached | null> {
  const row = await db.project.findUnique({
    where: { id: projectId },
    select: { currentSecretId: true, previousSecretId: true, previousSecret: { select: { expiresAt: true } } },
  });
  if (!row?.currentSecretId) {
    cache.delete(projectId);
    return null;
  }
  const versionTag = `${row.currentSecretId}|${row.previousSecretId ?? ""}|${row.previousSecret?.expiresAt?.getTime() ?? ""}`;
  if (cached?.versionTag === versionTag) {
    cached.checkedAt = now;
    return cached;
  }
  const { current, previous } = await decryptLiveSecrets(projectId);
  const timed = (live: typeof current, label: string): TimedKey => ({
    key: { id: live.summary.id, label: `${label} ••••${live.summary.last4}`, key: hmacKeyFromSecret(live.secret) },
    expiresAt: live.expiresAt?.getTime() ?? null,
  });
  const entry: Cached = {
    audience: projectAudience(projectId),
    keys: [timed(current, "current secret"), ...(previous ? [timed(previous, "previous secret")] : [])],
    versionTag,
    checkedAt: now,
  };
  cache.set(projectId, entry);
  return entry;
}

/** Called after a rotation, expiry or deletion in this process so the next request re-reads at once. */
export function forgetProjectVerification(projectId: string): void {
  cache.delete(projectId);
}
