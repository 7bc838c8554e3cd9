import "server-only";
import { db } from "@/lib/db";
import { BUCKET_MS } from "@/lib/identity/verification-recorder";
import { FAILURE_EXAMPLE_TTL_MS } from "@/lib/identity/failure-examples";
import { UNATTRIBUTED, type Environment } from "@/lib/identity/environments";

// Raw SQL, portable between SQLite and PostgreSQL (quoted identifiers, no dialect functions): the one
// nested Prisma read this replaces cost about 6 ms of CPU per render in query compiling and joining its
// seven statements in JS, a raw query about half a millisecond. Both drivers give DateTime columns back as
// Dates and Int columns as numbers; Date parameters are written in each database's stored format.

const DAY_MS = 24 * 60 * 60 * 1000;

export type CurrentSecretRow = { id: string; last4: string; fingerprint: string; createdAt: Date; lastUsedAt: Date | null };
export type PreviousSecretRow = { id: string; last4: string; expiresAt: Date | null; lastUsedAt: Date | null; retiredAt: Date | null };
export type CounterRow = { code: string; bucketStart: Date; count: number; ageMinSeconds: number | null; ageMaxSeconds: number | null };
export type UserRow = { externalId: string; email: string | null; plan: string | null; interval: string | null; mrrCents: number | null; lastSeenAt: Date };
export type ExampleRow = { cause: string; lastAt: Date; header: string; claims: string };

export type ProjectActivity = {
  current: CurrentSecretRow | null;
  previous: PreviousSecretRow | null;
  counters: CounterRow[];
  recentUsers: UserRow[];
  examples: ExampleRow[];
};

type SecretsRow = {
  currentId: string | null; currentLast4: string; currentFingerprint: string; currentCreatedAt: Date; currentLastUsedAt: Date | null;
  previousId: string | null; previousLast4: string; previousExpiresAt: Date | null; previousLastUsedAt: Date | null; previousRetiredAt: Date | null;
};

function environmentSecrets(projectId: string, environment: Environment) {
  return db.$queryRaw<SecretsRow[]>`
    SELECT c."id" AS "currentId", c."last4" AS "currentLast4", c."fingerprint" AS "currentFingerprint",
      c."createdAt" AS "currentCreatedAt", c."lastUsedAt" AS "currentLastUsedAt",
      p."id" AS "previousId", p."last4" AS "previousLast4", p."expiresAt" AS "previousExpiresAt",
      p."lastUsedAt" AS "previousLastUsedAt", p."retiredAt" AS "previousRetiredAt"
    FROM "ProjectEnvironment" e
    LEFT JOIN "IdentitySecret" c ON c."id" = e."currentSecretId"
    LEFT JOIN "IdentitySecret" p ON p."id" = e."previousSecretId"
    WHERE e."projectId" = ${projectId} AND e."slug" = ${environment}`;
}

/**
 * Everything the Identity page shows live for one environment: its secrets, the last 24 h of bucketed
 * counters, the last 20 users and the recent reject examples. Rejections no secret verified
 * (UNATTRIBUTED) belong to no environment: every one lists them.
 */
export async function projectActivity(projectId: string, environment: Environment, now: number): Promise<ProjectActivity> {
  const since = new Date(now - DAY_MS - (now % BUCKET_MS));
  const examplesSince = new Date(now - FAILURE_EXAMPLE_TTL_MS);
  const [secrets, counters, recentUsers, examples] = await Promise.all([
    environmentSecrets(projectId, environment),
    db.$queryRaw<CounterRow[]>`
      SELECT "code", "bucketStart", "count", "ageMinSeconds", "ageMaxSeconds" FROM "VerificationCounter"
      WHERE "projectId" = ${projectId} AND "environment" IN (${environment}, ${UNATTRIBUTED}) AND "bucketStart" >= ${since}`,
    db.$queryRaw<UserRow[]>`
      SELECT "externalId", "email", "plan", "interval", "mrrCents", "lastSeenAt" FROM "IdentifiedUser"
      WHERE "projectId" = ${projectId} AND "environment" = ${environment} ORDER BY "lastSeenAt" DESC LIMIT 20`,
    db.$queryRaw<ExampleRow[]>`
      SELECT "cause", "lastAt", "header", "claims" FROM "VerificationFailureExample"
      WHERE "projectId" = ${projectId} AND "environment" IN (${environment}, ${UNATTRIBUTED}) AND "lastAt" > ${examplesSince}`,
  ]);
  const row = secrets[0];
  const current = row?.currentId
    ? { id: row.currentId, last4: row.currentLast4, fingerprint: row.currentFingerprint, createdAt: row.currentCreatedAt, lastUsedAt: row.currentLastUsedAt }
    : null;
  const previous = row?.previousId
    ? { id: row.previousId, last4: row.previousLast4, expiresAt: row.previousExpiresAt, lastUsedAt: row.previousLastUsedAt, retiredAt: row.previousRetiredAt }
    : null;
  return { current, previous, counters, recentUsers, examples };
}
