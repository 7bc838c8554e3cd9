// The keys that verify a project's tokens, cached per process and kept answering when the database
// falters. Plain Node (no "server-only"): the identify server runs it outside Next's build, and the
// cache lives on globalThis so Next's copy of this module (dashboard actions) shares it in one process.
import { AsyncResource } from "node:async_hooks";
import { LRUCache } from "lru-cache";
import { db } from "@/lib/db";
import { decryptAllLiveSecrets, type LiveSecret } from "@/lib/identity/live-secrets";
import type { Environment } from "@/lib/identity/environments";
import { hmacKeyFromSecret } from "@/lib/identity/secret";
import { isProjectId } from "@/lib/identity/project-id";
import { projectAudience } from "@/lib/identity/audience";
import { hmacKeyFor } from "@/lib/identity/token-verifier/key-cache";
import type { RetiredKey, VerifierKey } from "@/lib/identity/token-verifier";
import { RETIRED_SECRET_DIAGNOSIS_MS, retiredKeysFor } from "@/lib/identity/retired-secrets";
import { withTimeout } from "@/lib/async/with-timeout";
import { describeError, log } from "@/lib/log";

export type ProjectVerification = { audience: string; keys: VerifierKey[]; retiredKeys: RetiredKey[] };

/** The database could not be asked and there is no trustworthy cached answer: a 503, never a 4xx. */
export class KeysUnavailableError extends Error {
  constructor() {
    super("The project's keys could not be loaded: the database is unreachable.");
    this.name = "KeysUnavailableError";
  }
}

/** How long a cached view is trusted before asking again: bounds how late another instance's rotation is seen. */
export const FRESH_MS = 500;
/**
 * From this age on, a request (answered from the cache at once) starts the re-check in the background,
 * so its answer is usually in before FRESH_MS runs out and a slow check costs propagation only its excess.
 */
export const REFRESH_AHEAD_MS = FRESH_MS / 2;
/** While the database is unreachable, keys confirmed within this long keep verifying (never past their expiry). */
export const STALE_LIMIT_MS = 5 * 60_000;
/** A request past FRESH_MS (after a quiet spell, or a check slower than its head start) waits at most this long since the check began. */
const REFRESH_WAIT_MS = 250;
/** A project not cached yet waits this long for its first load, then gets a 503. */
const FIRST_LOAD_WAIT_MS = 1000;
/** A check still unanswered after this long is abandoned, so a hung query can't pin the project. */
const CHECK_DEADLINE_MS = 3000;
/** After a failed check the database isn't asked again for this project for this long. */
const RETRY_MS = 1000;
const MAX_PROJECTS = 10_000;

type TimedKey = { key: VerifierKey; expiresAt: number | null };
/** aheadAt: when a fresh entry's background re-check is due; Infinity once started (or while backing off). */
type Timing = { checkedAt: number; retryAt: number; aheadAt: number };
type Entry =
  | ({ kind: "project"; audience: string; keys: TimedKey[]; retiredKeys: RetiredKey[]; versionTag: string } & Timing)
  | ({ kind: "missing" } & Timing)
  | ({ kind: "unavailable" } & Timing);

/**
 * A database check in flight; its result never rejects (a failure comes back as the Error). Superseded
 * once this process changed the project's keys: it may have read them before the change.
 */
type Check = { result: Promise<Entry | Error>; startedAt: number; superseded: boolean };
type SharedState = { cache: LRUCache<string, Entry>; inflight: Map<string, Check>; degraded: boolean; detached: AsyncResource };
const shared = ((globalThis as Record<symbol, SharedState | undefined>)[Symbol.for("reqio.identity.projectKeys")] ??= {
  cache: new LRUCache<string, Entry>({ max: MAX_PROJECTS }),
  inflight: new Map(),
  degraded: false,
  // Made when the server entry loads this module, before any request: checks run in this context,
  // so one outliving the request that started it holds none of that request's async-context stores.
  detached: new AsyncResource("reqio.identity.projectKeys.check"),
});

function view(entry: Entry, now: number): ProjectVerification | null {
  if (entry.kind === "missing") return null;
  if (entry.kind === "unavailable") throw new KeysUnavailableError();
  return {
    audience: entry.audience,
    keys: entry.keys.filter((timed) => timed.expiresAt === null || now < timed.expiresAt).map((timed) => timed.key),
    retiredKeys: entry.retiredKeys.filter((retired) => now - retired.retiredAt < RETIRED_SECRET_DIAGNOSIS_MS),
  };
}

/** The cached answer while the database can't confirm it: only within STALE_LIMIT_MS of the last confirmation. */
function stale(entry: Entry | undefined, now: number): ProjectVerification | null {
  if (entry && entry.kind !== "unavailable" && now - entry.checkedAt < STALE_LIMIT_MS) return view(entry, now);
  throw new KeysUnavailableError();
}

/**
 * projectVerification's answer when it needs no database check (fresh, or within a failure's
 * back-off), synchronously: the identify hot path awaits nothing for its keys. Undefined when the
 * database must be asked.
 */
export function cachedProjectVerification(projectId: string, now = Date.now()): ProjectVerification | null | undefined {
  if (!isProjectId(projectId)) return null;
  const entry = shared.cache.get(projectId);
  if (entry && now - entry.checkedAt < FRESH_MS) {
    if (now >= entry.aheadAt) refreshAhead(projectId, entry, now); // once per entry: the hot path only compares
    return view(entry, now);
  }
  if (entry && now < entry.retryAt) return stale(entry, now);
  return undefined;
}

/** Starts the re-check this request won't wait for; its outcome (a failure included) lands in the cache. */
function refreshAhead(projectId: string, entry: Entry, now: number): void {
  entry.aheadAt = Infinity; // a failed check leaves it so: the next is the regular one after its back-off
  try {
    checkOnce(projectId, entry, now);
  } catch (error) {
    log("warn", "identify keys: background check not started", { error: describeError(error) });
  }
}

/**
 * The audience and keys that verify this project's tokens right now (the current secret, plus the
 * previous one until its grace period ends), or null for an unknown project. Throws
 * KeysUnavailableError when the database can't be reached and nothing cached may be used.
 */
export async function projectVerification(projectId: string, now = Date.now()): Promise<ProjectVerification | null> {
  const cached = cachedProjectVerification(projectId, now);
  if (cached !== undefined) return cached;
  const entry = shared.cache.get(projectId);
  const check = checkOnce(projectId, entry, now);
  // Requests wait for a check only in its first moments; later ones use what is cached meanwhile, so
  // a slow database costs each request at most one short wait, and a slow check is never a back-off.
  const waitMs = (entry ? REFRESH_WAIT_MS : FIRST_LOAD_WAIT_MS) - (now - check.startedAt);
  const outcome = waitMs > 0 ? await withTimeout(check.result, waitMs).catch(() => undefined) : undefined;
  if (outcome !== undefined && !(outcome instanceof Error)) return view(outcome, now);
  return stale(shared.cache.get(projectId) ?? entry, now);
}

/** One database check per project at a time, however many requests are waiting for it. */
function checkOnce(projectId: string, entry: Entry | undefined, now: number): Check {
  const running = shared.inflight.get(projectId);
  if (running) return running;
  return shared.detached.runInAsyncScope(startCheck, null, projectId, entry, now);
}

function startCheck(projectId: string, entry: Entry | undefined, now: number): Check {
  const realStart = Date.now();
  const refreshed = refresh(projectId, entry, now).then((fresh) => {
    if (!check.superseded) shared.cache.set(projectId, fresh);
    return fresh;
  });
  const result = withTimeout(refreshed, CHECK_DEADLINE_MS).then(
    (fresh): Entry => {
      if (shared.degraded) log("info", "identify keys: database reachable again");
      shared.degraded = false;
      return fresh;
    },
    (error: unknown): Error => {
      if (!shared.degraded) log("warn", "identify keys: database unreachable, serving cached keys", { error: describeError(error) });
      shared.degraded = true;
      const failure = error instanceof Error ? error : new Error(String(error));
      if (check.superseded) return failure; // its back-off belongs to the check that replaced it
      // A failed check is not repeated for RETRY_MS: meanwhile requests get the cached keys (or a 503) at once.
      const retryAt = now + (Date.now() - realStart) + RETRY_MS;
      const current = shared.cache.get(projectId);
      if (current) current.retryAt = retryAt;
      else shared.cache.set(projectId, { kind: "unavailable", checkedAt: now, retryAt, aheadAt: Infinity });
      return failure;
    },
  );
  const check: Check = { result, startedAt: now, superseded: false };
  void result.finally(() => {
    if (shared.inflight.get(projectId) === check) shared.inflight.delete(projectId);
  });
  shared.inflight.set(projectId, check);
  return check;
}

async function refresh(projectId: string, entry: Entry | undefined, now: number): Promise<Entry> {
  const rows = await db.projectEnvironment.findMany({
    where: { projectId },
    select: { slug: true, currentSecretId: true, previousSecretId: true, previousSecret: { select: { expiresAt: true } } },
  });
  if (!rows.some((row) => row.currentSecretId)) return { kind: "missing", checkedAt: now, retryAt: 0, aheadAt: now + REFRESH_AHEAD_MS };
  const versionTag = rows
    .map((row) => `${row.slug}:${row.currentSecretId ?? ""}|${row.previousSecretId ?? ""}|${row.previousSecret?.expiresAt?.getTime() ?? ""}`)
    .sort()
    .join(";");
  if (entry?.kind === "project" && entry.versionTag === versionTag && shared.cache.get(projectId) === entry) {
    entry.checkedAt = now;
    entry.retryAt = 0;
    entry.aheadAt = now + REFRESH_AHEAD_MS;
    return entry;
  }
  // Secrets are decrypted and their keys made only when an environment's (current, previous) pair changes; never per request.
  const [environments, retiredKeys] = await Promise.all([decryptAllLiveSecrets(projectId), retiredKeysFor(projectId, now)]);
  const timed = (live: LiveSecret, environment: Environment, role: "current" | "previous"): TimedKey => {
    const key: VerifierKey = { id: live.summary.id, label: keyLabel(environment, role, live.summary.last4), key: hmacKeyFromSecret(live.secret), environment };
    return { key: { ...key, hmacKey: hmacKeyFor(key) ?? undefined }, expiresAt: live.expiresAt?.getTime() ?? null };
  };
  const keys = environments.flatMap(({ environment, secrets }) => [
    timed(secrets.current, environment, "current"),
    ...(secrets.previous ? [timed(secrets.previous, environment, "previous")] : []),
  ]);
  return { kind: "project", audience: projectAudience(projectId), keys, retiredKeys, versionTag, checkedAt: now, retryAt: 0, aheadAt: now + REFRESH_AHEAD_MS };
}

/** What the debugger says verified a token: production keeps its old wording, other environments are named. */
function keyLabel(environment: Environment, role: "current" | "previous", last4: string): string {
  return environment === "production" ? `${role} secret ••••${last4}` : `${role} ${environment} secret ••••${last4}`;
}

/**
 * Called after a rotation, expiry or deletion in this process so the next request re-reads at once:
 * a check already under way may have read the keys before the change, so it caches nothing and no
 * later request waits for it.
 */
export function forgetProjectVerification(projectId: string): void {
  shared.cache.delete(projectId);
  const running = shared.inflight.get(projectId);
  if (running) running.superseded = true;
  shared.inflight.delete(projectId);
}

/**
 * forgetProjectVerification, then load the changed keys now, from the action that changed them: the
 * next identify request of this instance is answered from the cache instead of waiting (and, on a
 * loaded database, timing out into a 503) for a first load of its own. Never rejects.
 */
export async function reloadProjectVerification(projectId: string): Promise<void> {
  forgetProjectVerification(projectId);
  if (isProjectId(projectId)) await checkOnce(projectId, undefined, Date.now()).result;
}
