// Verifications are aggregated in memory and written once a second: the hot path never waits on a write.
// Plain Node (no "server-only"): the identify server records through here outside Next's build.
import { setTimeout as delay, setImmediate as yieldToEventLoop } from "node:timers/promises";
import { TimeoutError, withTimeout } from "@/lib/async/with-timeout";
import { db } from "@/lib/db";
import { ageBinCode } from "@/lib/identity/token-age";
import { higher, lower, VerificationStatsBuffer, type PendingStat } from "@/lib/identity/verification-stats-buffer";
import { describeError, log } from "@/lib/log";
import type { IdentifiedUser } from "@/lib/identity/token-verifier";
import { UNATTRIBUTED } from "@/lib/identity/environments";
import { LOCALHOST_PRODUCTION_CODE } from "@/lib/identity/localhost-origin";

export const BUCKET_MS = 10 * 60 * 1000;
const FLUSH_EVERY_MS = 1000;
/** A flush gives up on a stalled database after this long; what it didn't write waits for the next one. */
const FLUSH_TIMEOUT_MS = 5000;
const MAX_PENDING = 50_000;
/**
 * Errors retrying can never fix, so the stat is dropped: P2003, the project (or secret) was deleted
 * since the request; P2020, a value the column can't hold (PostgreSQL's int4 `mrrCents`). Anything else
 * (unreachable, locked, timed out) is retried.
 */
const PERMANENT_ERRORS = new Set(["P2003", "P2020"]);

export type FlushResult = { written: number; pending: number };
/** A rejected token's decoded header and claims (never its signature), kept 24 h as the status panel's example. */
export type RejectedExample = { header: Record<string, unknown>; claims: Record<string, unknown> };

const buffer = new VerificationStatsBuffer(MAX_PENDING);
let timer: NodeJS.Timeout | undefined;
let queue: Promise<unknown> = Promise.resolve();
let queuedFlushes = 0;
/** Taken by a flush and not yet written, dropped or put back: still pending. */
let inFlight = 0;
/**
 * A write that outlived its flush's timeout: it may still commit, so it is neither retried nor lost
 * until it settles (lib/db.ts bounds every query, so it does).
 */
let stalled: Promise<void> | undefined;
/** Failed flushes in a row, so an outage is logged when it starts and when it ends, not every second. */
let failedFlushes = 0;

/**
 * `environment` is that of the secret that verified the token's signature; a token no secret verified is
 * counted UNATTRIBUTED, shown with every environment's rejections.
 */
export function recordVerification(
  projectId: string,
  outcome: {
    code: string;
    cause?: string;
    example?: RejectedExample;
    ageSeconds?: number;
    user?: IdentifiedUser;
    secretId?: string;
    environment?: string;
    /** A verified token sent from a page on localhost. */
    fromLocalhost?: boolean;
  },
  now = Date.now(),
): void {
  const bucketStart = now - (now % BUCKET_MS);
  const environment = outcome.environment ?? UNATTRIBUTED;
  // Rejections are counted by root cause (a cause names its code: lib/identity/token-verifier/causes.ts).
  const cause = outcome.cause ?? outcome.code;
  buffer.addCount(projectId, environment, bucketStart, cause, outcome.code === "ok" ? outcome.ageSeconds : undefined);
  // Every rejection stamps when its cause last happened; the example (decoded header and claims) when there is one.
  if (outcome.code !== "ok") {
    const example = outcome.example;
    buffer.add({ kind: "example", projectId, environment, cause, code: outcome.code, at: now, header: example?.header ?? null, claims: example?.claims ?? null });
  }
  if (outcome.secretId) {
    // Which secret verified: lets the admin see when the previous one is no longer in use.
    buffer.addCount(projectId, environment, bucketStart, `secret:${outcome.secretId}`);
    buffer.add({ kind: "secretUse", secretId: outcome.secretId, at: now });
  }
  if (outcome.ageSeconds !== undefined) buffer.addCount(projectId, environment, bucketStart, ageBinCode(outcome.ageSeconds));
  if (outcome.fromLocalhost) buffer.addCount(projectId, environment, bucketStart, LOCALHOST_PRODUCTION_CODE);
  if (outcome.user) buffer.add({ kind: "user", projectId, environment, user: outcome.user, firstSeen: now, lastSeen: now });
  timer ??= setInterval(tick, FLUSH_EVERY_MS).unref();
}

function tick() {
  // A flush slower than the interval (a backlog, a slow database) is not joined by another every second.
  if (queuedFlushes === 0) void flushVerificationStats();
}

// One transaction, so a retry after any failure never counts a delta twice. The upsert keeps the row
// locked until commit, so the extremes it returns can't change before ours are written.
async function writeCount(stat: Extract<PendingStat, { kind: "count" }>) {
  const key = { projectId: stat.projectId, environment: stat.environment, bucketStart: new Date(stat.bucketStart), code: stat.code };
  await db.$transaction(async (tx) => {
    const row = await tx.verificationCounter.upsert({
      where: { projectId_environment_bucketStart_code: key },
      create: { ...key, count: stat.count, ageMinSeconds: stat.ageMin ?? null, ageMaxSeconds: stat.ageMax ?? null },
      update: { count: { increment: stat.count } },
      select: { id: true, ageMinSeconds: true, ageMaxSeconds: true },
    });
    const ageMin = lower(row.ageMinSeconds ?? undefined, stat.ageMin) ?? null;
    const ageMax = higher(row.ageMaxSeconds ?? undefined, stat.ageMax) ?? null;
    if (ageMin !== row.ageMinSeconds || ageMax !== row.ageMaxSeconds) {
      await tx.verificationCounter.update({ where: { id: row.id }, data: { ageMinSeconds: ageMin, ageMaxSeconds: ageMax } });
    }
  });
}

async function write(stat: PendingStat): Promise<void> {
  if (stat.kind === "count") return writeCount(stat);
  if (stat.kind === "example") {
    const fields = { code: stat.code, lastAt: new Date(stat.at), header: exampleJson(stat.header), claims: exampleJson(stat.claims) };
    // A token that didn't decode leaves "null" in both: the time, without an example.
    await db.verificationFailureExample.upsert({
      where: { projectId_environment_cause: { projectId: stat.projectId, environment: stat.environment, cause: stat.cause } },
      create: { projectId: stat.projectId, environment: stat.environment, cause: stat.cause, ...fields },
      update: fields,
      select: { id: true },
    });
    return;
  }
  if (stat.kind === "secretUse") {
    // Conditional, so an instance flushing late never moves lastUsedAt backwards.
    await db.identitySecret.updateMany({
      where: { id: stat.secretId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(stat.at) } }] },
      data: { lastUsedAt: new Date(stat.at) },
    });
    return;
  }
  const { projectId, environment, user, firstSeen, lastSeen } = stat;
  const fields = { email: user.email, plan: user.plan, interval: user.interval, mrrCents: user.mrrCents, lastSeenAt: new Date(lastSeen) };
  // Setting, not adding: writing a sighting twice is harmless.
  await db.identifiedUser.upsert({
    where: { projectId_environment_externalId: { projectId, environment, externalId: user.id } },
    create: { projectId, environment, externalId: user.id, firstSeenAt: new Date(firstSeen), ...fields },
    update: fields,
    select: { id: true },
  });
}

/** JSON text for storage; a signing secret a customer put into a claim by mistake is not kept. */
function exampleJson(value: Record<string, unknown> | null): string {
  return JSON.stringify(value).replace(/rqio_sk_[0-9A-Za-z_]+/g, "rqio_sk_[redacted]");
}

type DbError = { code?: string; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } };
const isPermanent = (error: unknown) => PERMANENT_ERRORS.has(String((error as DbError).code));

// A Prisma error's message quotes the calling code and the values the database refused (user data):
// its codes say enough. Errors without a code (a refused connection) carry no row data.
function reason(error: unknown): string {
  const { code, meta } = error as DbError;
  return code ? [code, meta?.driverAdapterError?.cause?.originalCode].filter(Boolean).join(" ") : describeError(error);
}

function settleLater(attempt: Promise<void>, stat: PendingStat) {
  stalled = attempt.then(
    () => undefined,
    (error) => (isPermanent(error) ? logDropped(1) : buffer.restore([stat])),
  ).finally(() => {
    inFlight -= 1;
    stalled = undefined;
  });
}

function putBack(stats: readonly PendingStat[]) {
  buffer.restore(stats);
  inFlight -= stats.length;
}

function logDropped(rows: number) {
  log("warn", "verification stats dropped: the project was deleted or a value doesn't fit its column", { rows });
}

function pendingCount(): number {
  return buffer.size + inFlight;
}

async function flushOnce(timeoutMs: number): Promise<FlushResult> {
  const evicted = buffer.takeEvicted();
  if (evicted.users + evicted.counts > 0) {
    log("warn", "verification stats over the pending cap while the database was unavailable: dropped the oldest", { ...evicted, cap: MAX_PENDING });
  }
  // While a stalled write may still commit, piling more writes onto the same database helps nobody.
  if (timeoutMs <= 0 || stalled) return { written: 0, pending: pendingCount() };
  const stats = buffer.take();
  inFlight += stats.length;
  const deadline = Date.now() + timeoutMs;
  let written = 0;
  let dropped = 0;
  let failure: unknown;
  for (let i = 0; i < stats.length && failure === undefined; i += 1) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      putBack(stats.slice(i));
      break;
    }
    // Embedded SQLite runs each write synchronously inside its promise: without a turn of the event loop
    // between writes, a flush of many rows would hold every identify request waiting until it ends.
    if (i > 0) await yieldToEventLoop();
    const attempt = write(stats[i]!);
    try {
      await withTimeout(attempt, remaining);
      written += 1;
      inFlight -= 1;
    } catch (error) {
      if (isPermanent(error)) {
        dropped += 1;
        inFlight -= 1;
        continue;
      }
      failure = error;
      // The database is down or stalled: stop here and keep the rest for a later flush.
      if (error instanceof TimeoutError) settleLater(attempt, stats[i]!);
      putBack(stats.slice(error instanceof TimeoutError ? i + 1 : i));
    }
  }
  if (dropped > 0) logDropped(dropped);
  if (failure !== undefined) {
    if (failedFlushes++ === 0) log("warn", "verification stats not written, retrying", { pending: pendingCount(), error: reason(failure) });
  } else if (failedFlushes > 0) {
    log("info", "verification stats written again", { failedFlushes });
    failedFlushes = 0;
  }
  return { written, pending: pendingCount() };
}

// Flushes run one after another, so two never write the same stat.
function enqueueFlush(timeoutMs: () => number): Promise<FlushResult> {
  queuedFlushes += 1;
  const flush = queue.then(() => flushOnce(timeoutMs())).finally(() => {
    queuedFlushes -= 1;
  });
  queue = flush.catch(() => undefined);
  return flush;
}

/** Writes everything recorded so far, or as much as the database takes within a few seconds. */
export function flushVerificationStats(): Promise<FlushResult> {
  return enqueueFlush(() => FLUSH_TIMEOUT_MS);
}

/**
 * For graceful shutdown: flushes, retrying with a short backoff, until nothing is pending or `timeoutMs`
 * has passed, then stops the flush timer. Reports what it wrote and what is still pending.
 */
export async function drainVerificationStats({ timeoutMs }: { timeoutMs: number }): Promise<FlushResult> {
  const deadline = Date.now() + timeoutMs;
  const left = () => deadline - Date.now();
  let written = 0;
  for (let backoffMs = 50; ; backoffMs = Math.min(backoffMs * 2, 1000)) {
    // Raced as well: the flush may be queued behind one that started before the drain.
    const flushed = await withTimeout(enqueueFlush(left), Math.max(0, left())).catch(() => undefined);
    written += flushed?.written ?? 0;
    if (pendingCount() === 0 || left() <= 0) break;
    await delay(Math.min(backoffMs, left()));
  }
  clearInterval(timer);
  timer = undefined;
  return { written, pending: pendingCount() };
}
