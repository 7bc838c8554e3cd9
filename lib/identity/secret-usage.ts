// How much a secret, or a whole project, is verifying tokens right now: what "Expire now" and "Delete
// project" show before they cut traffic off, and what makes the server insist on the typed name.
import "server-only";
import { db } from "@/lib/db";
import { BUCKET_MS } from "@/lib/identity/verification-recorder";
import { formatRelativeTime } from "@/lib/format-time";
import type { SecretUsage } from "@/lib/identity/usage-text";

export { EXPIRY_CONFIRMATION_REQUIRED, type SecretUsage } from "@/lib/identity/usage-text";

/** A secret that verified a token this recently is in use: expiring it needs the project's name typed. */
export const IN_USE_WITHIN_MS = 10 * 60_000;
const HOUR_MS = 60 * 60_000;

type CounterRow = { code: string; bucketStart: Date; count: number };

/**
 * Tokens counted under `code` in the buckets that overlap the last `windowMs`. Counts are kept per
 * 10 minutes, so the window really reaches back to the start of the oldest bucket: `minutes` says how far.
 */
function countOverlapping(counters: CounterRow[], code: string, now: number, windowMs: number) {
  const since = now - windowMs - (now % BUCKET_MS);
  const tokens = counters.reduce((sum, row) => (row.code === code && row.bucketStart.getTime() >= since ? sum + row.count : sum), 0);
  return { tokens, minutes: Math.ceil((now - since) / 60_000) };
}

/**
 * Usage from rows already read: `code` is the counter to sum (`secret:<id>` for one secret, `ok` for the
 * whole project), `lastUsedAt` the exact time of the last verified token (written within a second).
 */
export function usageFromCounters(input: { counters: CounterRow[]; code: string; lastUsedAt: Date | null }, now: Date): SecretUsage {
  const recent = countOverlapping(input.counters, input.code, now.getTime(), BUCKET_MS);
  const hour = countOverlapping(input.counters, input.code, now.getTime(), HOUR_MS);
  return {
    lastUsedAt: input.lastUsedAt,
    tokensRecent: recent.tokens,
    recentMinutes: recent.minutes,
    tokensLastHour: hour.tokens,
    hourMinutes: hour.minutes,
    inUse: input.lastUsedAt !== null && now.getTime() - input.lastUsedAt.getTime() < IN_USE_WITHIN_MS,
  };
}

const hourAgo = (now: Date) => new Date(now.getTime() - HOUR_MS - (now.getTime() % BUCKET_MS));

/** The whole project's identity traffic (every token that verified, in any environment), for "Delete project". */
export async function projectIdentityUsage(projectId: string, now = new Date()): Promise<SecretUsage> {
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: {
      environments: { select: { currentSecret: { select: { lastUsedAt: true } }, previousSecret: { select: { lastUsedAt: true } } } },
      verifications: { where: { code: "ok", bucketStart: { gte: hourAgo(now) } }, select: { code: true, bucketStart: true, count: true } },
    },
  });
  const times = project.environments
    .flatMap((environment) => [environment.currentSecret?.lastUsedAt, environment.previousSecret?.lastUsedAt])
    .filter((time): time is Date => Boolean(time));
  const lastUsedAt = times.length ? new Date(Math.max(...times.map((time) => time.getTime()))) : null;
  return usageFromCounters({ counters: project.verifications, code: "ok", lastUsedAt }, now);
}

export type ExpiryConfirmation = { ok: true } | { ok: false; message: string };

/**
 * Expiring a previous secret that verified a token in the last 10 minutes cuts live traffic off: the
 * admin must have typed the project's name. Checked on the server, whatever the dialog showed.
 */
export async function checkExpiryConfirmation(input: {
  projectId: string;
  environment: string;
  previousSecretId: string;
  confirmation: string | undefined;
  now?: Date;
}): Promise<ExpiryConfirmation> {
  const now = input.now ?? new Date();
  const project = await db.project.findUnique({
    where: { id: input.projectId },
    select: { name: true, environments: { where: { slug: input.environment }, select: { previousSecret: { select: { id: true, lastUsedAt: true } } } } },
  });
  const previous = project?.environments[0]?.previousSecret;
  const lastUsedAt = previous?.id === input.previousSecretId ? previous.lastUsedAt : null;
  // Not in use (or already gone, which expirePreviousSecret reports): nothing to confirm.
  if (!project || !lastUsedAt || now.getTime() - lastUsedAt.getTime() >= IN_USE_WITHIN_MS) return { ok: true };
  const typed = input.confirmation?.trim() ?? "";
  if (typed === project.name) return { ok: true };
  const used = `The previous secret verified a token ${formatRelativeTime(lastUsedAt, now)}`;
  return {
    ok: false,
    message: typed
      ? `That is not this project's name. ${used}: type "${project.name}" exactly to expire it anyway.`
      : `${used}: type the project name "${project.name}" to expire it anyway.`,
  };
}
