import type { Pool } from "pg";
import { BATCH_KEY_PREFIX, type CounterBatch, type CounterStore } from "./counter-store";
import type { Connection } from "./connections";

// One statement per batch, in the migrated RateLimiterFlexible table (points, expire in ms). The
// batch id is a row of its own: if it already exists the batch was applied before, and the counters
// are only read. Keys are sorted so two instances' batches lock rows in the same order (no deadlock).
const APPLY_BATCH = `
WITH fresh AS (
  INSERT INTO "RateLimiterFlexible" (key, points, expire)
  SELECT $1::text, 0, $2::bigint WHERE $1::text IS NOT NULL
  ON CONFLICT (key) DO NOTHING
  RETURNING 1
), totals AS (
  INSERT INTO "RateLimiterFlexible" AS r (key, points, expire)
  SELECT item.key, CASE WHEN EXISTS (SELECT 1 FROM fresh) THEN item.points ELSE 0 END, item.expire
  FROM unnest($3::text[], $4::int[], $5::bigint[]) AS item(key, points, expire)
  ORDER BY item.key
  ON CONFLICT (key) DO UPDATE SET points = r.points + EXCLUDED.points, expire = GREATEST(r.expire, EXCLUDED.expire)
  RETURNING r.key, r.points
)
SELECT key, points FROM totals`;

/** Expired counters and batch ids are deleted at most this often (a separate, occasional statement). */
const SWEEP_EVERY_MS = 60_000;

/** Counters in PostgreSQL: one INSERT … ON CONFLICT DO UPDATE … RETURNING per batch. */
export function postgresCounterStore(connection: Connection<Pool>): CounterStore {
  let lastSweep = Date.now();
  return {
    name: "postgresql",
    async apply(batch: CounterBatch): Promise<number[]> {
      const pool = await connection.get();
      const { rows } = await pool.query<{ key: string; points: number }>(APPLY_BATCH, [
        batch.id ? `${BATCH_KEY_PREFIX}${batch.id}` : null,
        batch.idExpiresAt,
        batch.items.map((item) => item.key),
        batch.items.map((item) => item.increment),
        batch.items.map((item) => item.expiresAt),
      ]);
      const totals = new Map(rows.map((row) => [row.key, Number(row.points)]));
      if (Date.now() - lastSweep > SWEEP_EVERY_MS) {
        lastSweep = Date.now();
        // Not critical: a failed sweep is retried a minute later.
        pool.query(`DELETE FROM "RateLimiterFlexible" WHERE expire < $1`, [Date.now()]).catch(() => undefined);
      }
      return batch.items.map((item) => totals.get(item.key) ?? 0);
    },
    close: () => connection.close(),
  };
}
