import "server-only";
import { db } from "@/lib/db";
import { AGE_BINS, medianAgeBin } from "@/lib/identity/token-age";
import { BUCKET_MS } from "@/lib/identity/verification-recorder";
import { previousSecretStatus, type CurrentSecretSummary, type PreviousSecretStatus } from "@/lib/identity/previous-secret-status";
import { authorizeProject, PROJECT_NOT_FOUND } from "@/lib/authz/access";
import { FAILURE_EXAMPLE_TTL_MS } from "@/lib/identity/failure-examples";
import { plausibilityCounts } from "@/lib/identity/plausibility-counts";

/** One reject reason of the last 24 h: its root cause, how often, and the latest example (no signature). */
export type RejectedReason = {
  cause: string;
  count: number;
  /** When it last happened (null for counts written without one, e.g. before this was recorded). */
  lastAt: string | null;
  example: { at: string; header: Record<string, unknown>; claims: Record<string, unknown> } | null;
};

export type IntegrationStatus = {
  accepted: number;
  rejected: RejectedReason[];
  /** Users whose tokens verified but look wrong (lib/identity/token-verifier/warnings.ts). */
  warnings: { amountsUnderOneDollar: number; emailAsSub: number };
  lastSuccessAt: Date | null;
  tokenAge: { median: string | null; maxSeconds: number | null; futureIatSeconds: number | null };
  recentUsers: { id: string; email: string | null; plan: string | null; interval: string | null; mrrCents: number | null; lastSeenAt: Date }[];
};

const DAY_MS = 24 * 60 * 60 * 1000;

type CounterRow = { code: string; bucketStart: Date; count: number; ageMinSeconds: number | null; ageMaxSeconds: number | null };
type UserRow = { externalId: string; email: string | null; plan: string | null; interval: string | null; mrrCents: number | null; lastSeenAt: Date };

/**
 * Everything the page shows live, in one Prisma call (each call costs about a millisecond of query
 * compiling whatever it fetches): both secrets, the last 24 h of bucketed counters, the last 20 users.
 */
async function projectActivity(projectId: string, now: number) {
  const since = new Date(now - DAY_MS - (now % BUCKET_MS));
  return db.project.findUnique({
    where: { id: projectId },
    select: {
      currentSecret: { select: { id: true, last4: true, fingerprint: true, createdAt: true, lastUsedAt: true } },
      previousSecret: { select: { id: true, last4: true, expiresAt: true, lastUsedAt: true, retiredAt: true } },
      verifications: {
        where: { bucketStart: { gte: since } },
        select: { code: true, bucketStart: true, count: true, ageMinSeconds: true, ageMaxSeconds: true },
      },
      identifiedUsers: {
        orderBy: { lastSeenAt: "desc" },
        take: 20,
        select: { externalId: true, email: true, plan: true, interval: true, mrrCents: true, lastSeenAt: true },
      },
      failureExamples: {
        where: { lastAt: { gt: new Date(now - FAILURE_EXAMPLE_TTL_MS) } },
        select: { cause: true, lastAt: true, header: true, claims: true },
      },
    },
  });
}

type ExampleRow = { cause: string; lastAt: Date; header: string; claims: string };

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function summarize(rows: CounterRow[], recentUsers: UserRow[], examples: ExampleRow[], warnings: IntegrationStatus["warnings"]): IntegrationStatus {
  const exampleOf = new Map(examples.map((row) => [row.cause, row]));
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
    .map(([cause, count]): RejectedReason => {
      const example = exampleOf.get(cause);
      const at = example?.lastAt.toISOString() ?? null;
      const decoded = example && example.claims !== "null" ? { at: at!, header: parseObject(example.header), claims: parseObject(example.claims) } : null;
      return { cause, count, lastAt: at, example: decoded };
    })
    .sort((a, b) => b.count - a.count);

  return {
    accepted: byCode.get("ok") ?? 0,
    rejected,
    warnings,
    lastSuccessAt: recentUsers[0]?.lastSeenAt ?? null,
    tokenAge: {
      median: medianAgeBin(byCode)?.label ?? null,
      maxSeconds: maxAge,
      futureIatSeconds: minAge !== null && minAge < 0 ? -minAge : null,
    },
    recentUsers: recentUsers.map(({ externalId, ...user }) => ({ id: externalId, ...user })),
  };
}

/** What the Identity page shows under "Integration status": the last 24 h, from bucketed counters. */
export async function integrationStatus(projectId: string, now = Date.now()): Promise<IntegrationStatus> {
  const [project, warnings] = await Promise.all([projectActivity(projectId, now), plausibilityCounts(projectId)]);
  return summarize(project?.verifications ?? [], project?.identifiedUsers ?? [], project?.failureExamples ?? [], warnings);
}

/** Dates as ISO strings: the shape that crosses JSON (the status route) and the page's first render alike. */
export type IntegrationStatusJson = Omit<IntegrationStatus, "lastSuccessAt" | "recentUsers"> & {
  lastSuccessAt: string | null;
  recentUsers: (Omit<IntegrationStatus["recentUsers"][number], "lastSeenAt"> & { lastSeenAt: string })[];
};
export type PreviousSecretJson = Omit<PreviousSecretStatus, "expiresAt" | "lastUsedAt"> & { expiresAt: string; lastUsedAt: string | null };

/** Everything on the Identity page that changes without anyone acting on the page. */
export type IdentityLiveStatus = {
  /** Server time of this answer: relative times ("3 min ago") are computed against it, on both sides. */
  generatedAt: string;
  integration: IntegrationStatusJson;
  /** Null once the previous secret is gone, including when its expiresAt passed and no sweep ran yet. */
  previous: PreviousSecretJson | null;
};

/** The page's first render: the live status and the current secret's summary, from that one read. */
export async function identityPageStatus(projectId: string, now = new Date()): Promise<{ current: CurrentSecretSummary | null; live: IdentityLiveStatus }> {
  const [project, warnings] = await Promise.all([projectActivity(projectId, now.getTime()), plausibilityCounts(projectId)]);
  const counters = project?.verifications ?? [];
  const integration = summarize(counters, project?.identifiedUsers ?? [], project?.failureExamples ?? [], warnings);
  const secret = project?.currentSecret ?? null;
  const previous = previousSecretStatus({ previous: project?.previousSecret ?? null, currentLastUsedAt: secret?.lastUsedAt ?? null, counters }, now);
  const live: IdentityLiveStatus = {
    generatedAt: now.toISOString(),
    integration: {
      ...integration,
      lastSuccessAt: integration.lastSuccessAt?.toISOString() ?? null,
      recentUsers: integration.recentUsers.map((user) => ({ ...user, lastSeenAt: user.lastSeenAt.toISOString() })),
    },
    previous: previous && { ...previous, expiresAt: previous.expiresAt.toISOString(), lastUsedAt: previous.lastUsedAt?.toISOString() ?? null },
  };
  const current = secret && { id: secret.id, last4: secret.last4, fingerprint: secret.fingerprint, createdAt: secret.createdAt };
  return { current, live };
}

export async function identityLiveStatus(projectId: string, now = new Date()): Promise<IdentityLiveStatus> {
  return (await identityPageStatus(projectId, now)).live;
}

export type LiveStatusError = { ok: false; error: { code: "signed_out" | "not_found"; message: string } };

/**
 * What GET /api/v1/projects/{id}/integration-status answers: the page's own check (a member of the
 * project's team), so another team's project is "not found" exactly like one that doesn't exist.
 */
export async function liveStatusResponse(userId: string | null, projectId: string): Promise<
  { status: 200; body: IdentityLiveStatus } | { status: 401 | 404; body: LiveStatusError }
> {
  if (!userId) return { status: 401, body: { ok: false, error: { code: "signed_out", message: "Sign in to see this project's integration status." } } };
  const access = await authorizeProject(userId, projectId, "project:view");
  if (!access.ok) return { status: 404, body: { ok: false, error: { code: "not_found", message: PROJECT_NOT_FOUND } } };
  return { status: 200, body: await identityLiveStatus(access.project.id) };
}
