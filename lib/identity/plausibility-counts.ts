import "server-only";
import { db } from "@/lib/db";
import { SUSPICIOUS_AMOUNT_CENTS } from "@/lib/identity/token-verifier";

/**
 * Identified users whose verified claims look wrong (the debugger's plausibility warnings), counted in
 * one aggregate query. Only mrrCents is stored: a yearly amount under $1 is an MRR of at most 8 cents.
 */
export async function plausibilityCounts(projectId: string, environment: string): Promise<{ amountsUnderOneDollar: number; emailAsSub: number }> {
  const yearlyLimit = Math.round((SUSPICIOUS_AMOUNT_CENTS - 1) / 12);
  const [row] = await db.$queryRaw<{ dollars: bigint | number | null; emailSub: bigint | number | null }[]>`
    SELECT
      SUM(CASE WHEN "plan" IS NOT NULL AND "mrrCents" > 0 AND (("interval" = 'month' AND "mrrCents" < ${SUSPICIOUS_AMOUNT_CENTS}) OR ("interval" = 'year' AND "mrrCents" <= ${yearlyLimit})) THEN 1 ELSE 0 END) AS "dollars",
      SUM(CASE WHEN "email" IS NOT NULL AND LOWER("email") = LOWER("externalId") THEN 1 ELSE 0 END) AS "emailSub"
    FROM "IdentifiedUser" WHERE "projectId" = ${projectId} AND "environment" = ${environment}`;
  return { amountsUnderOneDollar: Number(row?.dollars ?? 0), emailAsSub: Number(row?.emailSub ?? 0) };
}
