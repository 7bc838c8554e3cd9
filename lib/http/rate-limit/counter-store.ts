/** One increment of a shared fixed-window counter; `expiresAt` (ms since the epoch) is its window's end. */
export type CounterIncrement = { key: string; increment: number; expiresAt: number };

/**
 * A batch the store applies at most once. `id` is remembered by the store (until `idExpiresAt`), so
 * a batch sent again after a timeout — which may or may not have reached the store — never counts
 * twice. `id` is null for a batch of zero increments (a plain read of the totals).
 */
export type CounterBatch = { id: string | null; idExpiresAt: number; items: readonly CounterIncrement[] };

/** A shared store of window counters: one round trip per batch. */
export interface CounterStore {
  readonly name: string;
  /** Applies the batch (once per id) and returns each item's total after it, in the items' order. */
  apply(batch: CounterBatch): Promise<number[]>;
  close(): Promise<void>;
}

/** Counter keys of the local-first limiters, and their batch ids, in both stores. */
export const COUNTER_KEY_PREFIX = "lf:";
export const BATCH_KEY_PREFIX = "lf-batch:";
