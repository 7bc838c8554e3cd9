// What a process holds in memory that must reach the database or the shared store before it exits.
import { drainVerificationStats } from "@/lib/identity/verification-recorder";
import { stopRateLimitSync } from "@/lib/http/rate-limit";
import { db } from "@/lib/db";
import { log } from "@/lib/log";

const FLUSH_MS = 5_000;

export async function flushProcessState(): Promise<void> {
  const stats = await drainVerificationStats({ timeoutMs: FLUSH_MS });
  if (stats.pending > 0) log("warn", "usage statistics not written before exit", { pending: stats.pending });
  await stopRateLimitSync();
  await db.$disconnect();
}
