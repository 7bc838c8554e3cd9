import "server-only";
import { AGE_BINS, medianAgeBin } from "@/lib/identity/token-age";
import { previousSecretStatus, type CurrentSecretSummary, type PreviousSecretStatus } from "@/lib/identity/previous-secret-status";
import { authorizeProject, PROJECT_NOT_FOUND } from "@/lib/authz/access";
import { plausibilityCounts } from "@/lib/identity/plausibility-counts";
import type { Environment } from "@/lib/identity/environments";
import { projectActivity, type CounterRow, type ExampleRow, type UserRow } from "@/lib/identity/project-activity";
import { LOCALHOST_PRODUCTION_CODE } from "@/lib/identity/localhost-origin";

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
  /**
   * Users whose tokens verified but look wrong (lib/identity/token-verifier/warnings.ts), and production
   * tokens sent from a localhost page (a developer's machine holding the production secret).
   */
  warnings: { amountsUnderOneDollar: number; emailAsSub: number; productionFromLocalhost: number };
  lastSuccessAt: Date | null;
  tokenAge: { median: string | null; maxSeconds: number | null; futureIatSeconds: number | null };
  recentUsers: { id: string; email: string | null; plan: string | null; interval: string | null; mrrCents: number | null; lastSeenAt: Date }[];
};

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

type Plausibility = Omit<IntegrationStatus["warnings"], "productionFromLocalhost">;

function summarize(rows: CounterRow[], recentUsers: UserRow[], examples: ExampleRow[], plausibility: Plausibility): IntegrationStatus {
  // Sorted oldest first, so an example of the same cause from the other row (this environment's or the unattributed one) that is newer wins.
  const exampleOf = new Map([...examples].sort((a, b) => a.lastAt.getTime() - b.lastAt.getTime()).map((row) => [row.cause, row]));
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
    .filter(([code]) => code !== "ok" && !ageCodes.has(code) && !code.startsWith("secret:") && !code.startsWith("warn:"))
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
    warnings: { ...plausibility, productionFromLocalhost: byCode.get(LOCALHOST_PRODUCTION_CODE) ?? 0 },
    lastSuccessAt: recentUsers[0]?.lastSeenAt ?? null,
    tokenAge: {
      median: medianAgeBin(byCode)?.label ?? null,
      maxSeconds: maxAge,
      futureIatSeconds: minAge !== null && minAge < 0 ? -minAge : null,
    },
    recentUsers: recentUsers.map(({ externalId, ...user }) => ({ id: externalId, ...user })),
  };
}

/** What the Identity page shows under "Integration status" for one environment: the last 24 h, from bucketed counters. */
export async function integrationStatus(projectId: string, environment: Environment, now = Date.now()): Promise<IntegrationStatus> {
  const [activity, warnings] = await Promise.all([projectActivity(projectId, environment, now), plausibilityCounts(projectId, environment)]);
  return summarize(activity.counters, activity.recentUsers, activity.examples, warnings);
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

/** The page's first render: one environment's live status and current secret's summary, from that one read. */
export async function identityPageStatus(
  projectId: string,
  environment: Environment,
  now = new Date(),
): Promise<{ current: CurrentSecretSummary | null; live: IdentityLiveStatus }> {
  const [activity, warnings] = await Promise.all([projectActivity(projectId, environment, now.getTime()), plausibilityCounts(projectId, environment)]);
  const { counters, current: secret, previous: previousSecret } = activity;
  const integration = summarize(counters, activity.recentUsers, activity.examples, warnings);
  const previous = previousSecretStatus({ previous: previousSecret, currentLastUsedAt: secret?.lastUsedAt ?? null, counters }, now);
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

export async function identityLiveStatus(projectId: string, environment: Environment, now = new Date()): Promise<IdentityLiveStatus> {
  return (await identityPageStatus(projectId, environment, now)).live;
}

export type LiveStatusError = { ok: false; error: { code: "signed_out" | "not_found"; message: string } };

/**
 * What GET /api/v1/projects/{id}/integration-status answers: the page's own check (a member of the
 * project's team), so another team's project is "not found" exactly like one that doesn't exist.
 */
export async function liveStatusResponse(userId: string | null, projectId: string, environment: Environment): Promise<
  { status: 200; body: IdentityLiveStatus } | { status: 401 | 404; body: LiveStatusError }
> {
  if (!userId) return { status: 401, body: { ok: false, error: { code: "signed_out", message: "Sign in to see this project's integration status." } } };
  const access = await authorizeProject(userId, projectId, "project:view");
  if (!access.ok) return { status: 404, body: { ok: false, error: { code: "not_found", message: PROJECT_NOT_FOUND } } };
  return { status: 200, body: await identityLiveStatus(access.project.id, environment) };
}
