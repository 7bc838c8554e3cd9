import type { Redis } from "ioredis";
import { BATCH_KEY_PREFIX, type CounterBatch, type CounterStore } from "./counter-store";
import { redisReady, type Connection } from "./connections";

// KEYS[1]: the batch id's marker; KEYS[2..]: counters. ARGV[1]: the marker's TTL in ms ("0": no
// marker, a read). Counter i (KEYS[i]) has its increment in ARGV[2i-2] and its expiry in ARGV[2i-1].
// A marker that already exists means the batch was applied before: the counters are only read.
const APPLY_BATCH = `
local fresh = true
if ARGV[1] ~= '0' then fresh = redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) end
local totals = {}
for i = 2, #KEYS do
  local n = 0
  if fresh then n = tonumber(ARGV[2 * i - 2]) end
  totals[i - 1] = redis.call('INCRBY', KEYS[i], n)
  redis.call('PEXPIREAT', KEYS[i], ARGV[2 * i - 1])
end
return totals`;

/** Counters in Redis: one EVAL per batch (INCRBY + PEXPIREAT per key, atomically). */
export function redisCounterStore(connection: Connection<Redis>): CounterStore {
  return {
    name: "redis",
    async apply(batch: CounterBatch): Promise<number[]> {
      const client = await connection.get();
      await redisReady(client);
      const ttl = batch.id ? Math.max(1000, batch.idExpiresAt - Date.now()) : 0;
      const keys = [`${BATCH_KEY_PREFIX}${batch.id ?? "read"}`, ...batch.items.map((item) => item.key)];
      const args = [String(ttl), ...batch.items.flatMap((item) => [String(item.increment), String(item.expiresAt)])];
      const totals = (await client.eval(APPLY_BATCH, keys.length, ...keys, ...args)) as unknown[];
      return totals.map(Number);
    },
    close: () => connection.close(),
  };
}
