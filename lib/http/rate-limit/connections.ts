import { once } from "node:events";
import type { Redis } from "ioredis";
import type { Pool } from "pg";
import type { OutageLog } from "./outage-log";
import { withTimeout } from "@/lib/async/with-timeout";

/** A store connection opened on first use; close() does nothing if it was never opened. */
export type Connection<T> = { get(): Promise<T>; close(): Promise<void> };

function lazyConnection<T>(open: () => Promise<T>, close: (client: T) => Promise<void>): Connection<T> {
  let opened: Promise<T> | undefined;
  return {
    get: () => (opened ??= open()),
    async close() {
      const client = opened;
      opened = undefined;
      if (client) await close(await client);
    },
  };
}

export function redisConnection(url: string, outage: OutageLog): Connection<Redis> {
  return lazyConnection(() => openRedis(url, outage), closeRedis);
}

export function postgresConnection(url: string, outage: OutageLog, max: number): Connection<Pool> {
  return lazyConnection(() => openPostgresPool(url, outage, max), closePostgresPool);
}

/** Every store call gives up after about this long: no limiter waits longer for a shared count. */
export const STORE_TIMEOUT_MS = 400;
const CONNECT_TIMEOUT_MS = 500;

/**
 * An ioredis client that fails fast instead of queueing: no offline queue, no retries of a command,
 * a timeout on connecting and on every command. It reconnects by itself (forever, at most 1 s apart);
 * its 'error' events (one per failed reconnect) are reported once per outage, never thrown.
 */
async function openRedis(url: string, outage: OutageLog): Promise<Redis> {
  const { Redis } = await import("ioredis");
  const client = new Redis(url, {
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: STORE_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: (attempt) => Math.min(50 * attempt, 1000),
  });
  client.on("error", (error: unknown) => outage.failed(error));
  return client;
}

/** Waits (bounded) for the connection to be usable; at start the first connect takes a few ms. */
export async function redisReady(client: Redis, ms: number = STORE_TIMEOUT_MS): Promise<void> {
  if (client.status === "ready") return;
  await once(client, "ready", { signal: AbortSignal.timeout(ms) });
}

async function closeRedis(client: Redis): Promise<void> {
  await withTimeout(client.quit(), 500).catch(() => undefined);
  client.disconnect(); // stops reconnecting even if QUIT got no answer
}

/**
 * A small pool of its own, so a limiter's short statement never queues behind app queries. The
 * server cancels a statement after STORE_TIMEOUT_MS (statement_timeout, so a batch that timed out
 * was rolled back); the client gives up a little later in case the server itself is stalled.
 * An idle connection dropped by the server ('error' on the pool) is replaced by the next query.
 */
async function openPostgresPool(url: string, outage: OutageLog, max: number): Promise<Pool> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STORE_TIMEOUT_MS,
    query_timeout: STORE_TIMEOUT_MS + 200,
    idleTimeoutMillis: 30_000,
    allowExitOnIdle: true,
  });
  pool.on("error", (error) => outage.failed(error));
  return pool;
}

async function closePostgresPool(pool: Pool): Promise<void> {
  await withTimeout(pool.end(), 1000).catch(() => undefined);
}
