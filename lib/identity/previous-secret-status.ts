import "server-only";
import { db } from "@/lib/db";
import { BUCKET_MS } from "@/lib/identity/verification-recorder";

const HOUR_MS = 60 * 60 * 1000;
/** Quiet this long while the new secret is in use, and expiring the old one looks safe. */
export const SAFE_TO_EXPIRE_AFTER_MS = 15 * 60 * 1000;

export type PreviousSecretStatus = {
  id: string;
  last4: string;
  expiresAt: Date;
  lastUsedAt: Date | null;
  tokensLastHour: number;
  newSecretInUse: boolean;
  looksSafeToExpire: boolean;
};

/** The previous secret's real traffic, so the admin knows when cutting it off breaks nobody. */
export async function previousSecretStatus(projectId: string, now = new Date()): Promise<PreviousSecretStatus | null> {
  const project = await db.project.findUnique({
    where: { id: projectId },
    select: {
      currentSecret: { select: { createdAt: true, lastUsedAt: true } },
      previousSecret: { select: { id: true, last4: true, expiresAt: true, lastUsedAt: true, retiredAt: true } },
    },
  });
  const previous = project?.previousSecret;
  if (!previous?.expiresAt || previous.retiredAt || previous.expiresAt <= now) return null;
  const since = new Date(now.getTime() - HOUR_MS - (now.getTime() % BUCKET_MS));
  const usage = await db.verificationCounter.aggregate({
    where: { projectId, code: `secret:${previous.id}`, bucketStart: { gte: since } },
    _sum: { count: true },
  });
  const newSecretInUse = Boolean(project?.currentSecret?.lastUsedAt);
  const quiet = !previous.lastUsedAt || now.getTime() - previous.lastUsedAt.getTime() >= SAFE_TO_EXPIRE_AFTER_MS;
  return {
    id: previous.id,
    last4: previous.last4,
    expiresAt: previous.expiresAt,
    lastUsedAt: previous.lastUsedAt,
    tokensLastHour: usage._sum.count ?? 0,
    newSecretInUse,
    looksSafeToExpire: quiet && newSecretInUse,
  };
}
