// The latest rejected token per project and cause (decoded header and claims, never the signature),
// written by the verification recorder and shown by the status panel for 24 hours.
import { db } from "@/lib/db";

export const FAILURE_EXAMPLE_TTL_MS = 24 * 60 * 60 * 1000;

export async function purgeFailureExamples(now = Date.now()): Promise<number> {
  const { count } = await db.verificationFailureExample.deleteMany({ where: { lastAt: { lte: new Date(now - FAILURE_EXAMPLE_TTL_MS) } } });
  return count;
}
