import "server-only";
import { db } from "@/lib/db";
import { AGE_BINS, medianAgeBin } from "@/lib/identity/token-age";
import { BUCKET_MS } from "@/lib/identity/verification-recorder";

export type IntegrationStatus = {
  accepted: number;
  rejected: { code: string; count: number }[];
  lastSuccessAt: Date | null;
  tokenAge: { median: string | null; maxSeconds: number | null; futureIatSeconds: number | null };
  recentUsers: { id: string; email: string | null; plan: string | null; interval: string | null; mrrCents: number | null; lastSeenAt: Date }[];
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the Identity page shows under "Integration status": the last 24 h, from bucketed counters. */
export async function integrationStatus(projectId: string, now = Date.now()): Promise<IntegrationStatus> {
  const since = new Date(now - DAY_MS - (now % BUCKET_MS));
  const [rows, recentUsers] = await Promise.all([
    db.verificationCounter.findMany({
      where: { projectId, bucketStart: { gte: since } },
      select: { code: true, count: true, ageMinSeconds: true, ageMaxSeconds: true },
    }),
    db.identifiedUser.findMany({
      where: { projectId },
      orderBy: { lastSeenAt: "desc" },
      take: 20,
      select: { externalId: true, email: true, plan: true, interval: true, mrrCents: true, lastSeenAt: true },
    }),
  ]);

  const byCode = new Map<string, number>();
  let maxAge: number | null = null;
  let minAge: number | null = null;
  for (const row of rows) {
    byCode.set(row.code, (byCode.get(row.code) ?? 0) + row.count);
    if (row.ageMaxSeconds !== null) maxAge = Math.max(maxAge ?? row.ageMaxSeconds, row.ageMaxSeconds);
    if (row.ageMinSeconds !== null) minAge = Math.min(minAge ?? row.ageMinSeconds, row.ageMinSeconds);
  }
  const ageCodes = new Set<string>(AGE_BINS.map((bin) => bin.code));
  const rejected = [...byCode]
    .filter(([code]) => code !== "ok" && !ageCodes.has(code) && !code.startsWith("secret:"))
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count);

  return {
    accepted: byCode.get("ok") ?? 0,
    rejected,
    lastSuccessAt: recentUsers[0]?.lastSeenAt ?? null,
    tokenAge: {
      median: medianAgeBin(byCode)?.label ?? null,
      maxSeconds: maxAge,
      futureIatSeconds: minAge !== null && minAge < 0 ? -minAge : null,
    },
    recentUsers: recentUsers.map(({ externalId, ...user }) => ({ id: externalId, ...user })),
  };
}
