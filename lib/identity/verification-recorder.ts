import "server-only";
import { db } from "@/lib/db";
import { ageBinCode } from "@/lib/identity/token-age";
import { describeError, log } from "@/lib/log";
import type { IdentifiedUser } from "@/lib/identity/token-verifier";

export const BUCKET_MS = 10 * 60 * 1000;
const FLUSH_EVERY_MS = 1000;

type CounterDelta = { projectId: string; bucketStart: number; code: string; count: number; ageMin?: number; ageMax?: number };
type UserSighting = { projectId: string; user: IdentifiedUser; firstSeen: number; lastSeen: number };

// Verifications are aggregated in memory and written once a second: the hot path never waits on a write.
let counters = new Map<string, CounterDelta>();
let users = new Map<string, UserSighting>();
/** secret ID → last time a token verified with it. */
let secretsUsed = new Map<string, number>();
let timer: NodeJS.Timeout | undefined;
let flushing: Promise<void> = Promise.resolve();

function bump(projectId: string, bucketStart: number, code: string, ageSeconds?: number) {
  const key = `${projectId}|${bucketStart}|${code}`;
  const delta = counters.get(key) ?? { projectId, bucketStart, code, count: 0 };
  delta.count += 1;
  if (ageSeconds !== undefined) {
    delta.ageMin = Math.min(delta.ageMin ?? ageSeconds, ageSeconds);
    delta.ageMax = Math.max(delta.ageMax ?? ageSeconds, ageSeconds);
  }
  counters.set(key, delta);
}

export function recordVerification(
  projectId: string,
  outcome: { code: string; ageSeconds?: number; user?: IdentifiedUser; secretId?: string },
  now = Date.now(),
): void {
  const bucketStart = now - (now % BUCKET_MS);
  bump(projectId, bucketStart, outcome.code, outcome.code === "ok" ? outcome.ageSeconds : undefined);
  if (outcome.secretId) {
    // Which secret verified: lets the admin see when the previous one is no longer in use.
    bump(projectId, bucketStart, `secret:${outcome.secretId}`);
    secretsUsed.set(outcome.secretId, now);
  }
  if (outcome.ageSeconds !== undefined) bump(projectId, bucketStart, ageBinCode(outcome.ageSeconds));
  if (outcome.user) {
    const key = `${projectId}|${outcome.user.id}`;
    users.set(key, { projectId, user: outcome.user, firstSeen: users.get(key)?.firstSeen ?? now, lastSeen: now });
  }
  timer ??= setInterval(() => void flushVerificationStats(), FLUSH_EVERY_MS).unref();
}

async function writeCounter(delta: CounterDelta) {
  const where = { projectId_bucketStart_code: { projectId: delta.projectId, bucketStart: new Date(delta.bucketStart), code: delta.code } };
  const row = await db.verificationCounter.upsert({
    where,
    create: { ...where.projectId_bucketStart_code, count: delta.count, ageMinSeconds: delta.ageMin ?? null, ageMaxSeconds: delta.ageMax ?? null },
    update: { count: { increment: delta.count } },
    select: { id: true },
  });
  // Conditional updates keep min/max right when several instances flush into one row.
  if (delta.ageMin !== undefined) {
    await db.verificationCounter.updateMany({
      where: { id: row.id, OR: [{ ageMinSeconds: null }, { ageMinSeconds: { gt: delta.ageMin } }] },
      data: { ageMinSeconds: delta.ageMin },
    });
  }
  if (delta.ageMax !== undefined) {
    await db.verificationCounter.updateMany({
      where: { id: row.id, OR: [{ ageMaxSeconds: null }, { ageMaxSeconds: { lt: delta.ageMax } }] },
      data: { ageMaxSeconds: delta.ageMax },
    });
  }
}

async function writeUser({ projectId, user, firstSeen, lastSeen }: UserSighting) {
  const fields = { email: user.email, plan: user.plan, interval: user.interval, mrrCents: user.mrrCents, lastSeenAt: new Date(lastSeen) };
  await db.identifiedUser.upsert({
    where: { projectId_externalId: { projectId, externalId: user.id } },
    create: { projectId, externalId: user.id, firstSeenAt: new Date(firstSeen), ...fields },
    update: fields,
    select: { id: true },
  });
}

async function writeSecretUse(secretId: string, at: number) {
  // Conditional, so an instance flushing late never moves lastUsedAt backwards.
  await db.identitySecret.updateMany({
    where: { id: secretId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(at) } }] },
    data: { lastUsedAt: new Date(at) },
  });
}

/** Writes everything recorded so far; calls queue behind each other so no delta is written twice. */
export function flushVerificationStats(): Promise<void> {
  flushing = flushing.then(async () => {
    const [pendingCounters, pendingUsers, pendingSecrets] = [counters, users, secretsUsed];
    counters = new Map();
    users = new Map();
    secretsUsed = new Map();
    const writes = [
      ...[...pendingCounters.values()].map((delta) => () => writeCounter(delta)),
      ...[...pendingUsers.values()].map((sighting) => () => writeUser(sighting)),
      ...[...pendingSecrets].map(([secretId, at]) => () => writeSecretUse(secretId, at)),
    ];
    for (const write of writes) {
      try {
        await write();
      } catch (error) {
        // Typically a project deleted since the request; its stats go with it.
        log("warn", "dropped verification stats", { error: describeError(error) });
      }
    }
  });
  return flushing;
}
