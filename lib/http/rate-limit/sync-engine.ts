import { randomBytes } from "node:crypto";
import type { CounterStore } from "./counter-store";
import type { OutageLog } from "./outage-log";
import { withTimeout } from "@/lib/async/with-timeout";

/** One key's fixed window as one process sees it. Estimate of the window's use: shared + sending + pending. */
export type SharedCounter = {
  readonly storeKey: string;
  /** The window's end plus some slack for clocks that differ a little between instances (ms). */
  readonly expiresAt: number;
  /** The store's total at the last sync: every instance's admissions, this one's included. */
  shared: number;
  /** Admitted here, not sent yet. */
  pending: number;
  /** Admitted here, in the batch in flight or in doubt (sent, answer lost). */
  sending: number;
  /** Admitted here in this window: the floor if the store lost its data (a restart without persistence). */
  own: number;
};

type Batch = { id: string | null; counters: SharedCounter[]; increments: number[] };

export type SyncOptions = { store: CounterStore; outage: OutageLog; intervalMs?: number };

/** A batch's answer is awaited at most this long, on top of the drivers' own timeouts (so a round, at most two batches, ≤ 2 s). */
const BATCH_TIMEOUT_MS = 1000;
/** A batch id outlives the windows of its counters by this long, so a late duplicate is still recognised. */
const BATCH_ID_GRACE_MS = 60_000;

/**
 * Shares local-first counters through a store (Unkey's model): every `intervalMs` the counters
 * touched since the last round go out in one batch (their pending increments; 0 for a counter only
 * read), and the store's totals come back, so each instance sees the others' use one round later.
 *
 * Store trouble never reaches a caller: a batch that failed is kept and sent again, as it was and
 * under the same id, before anything else (the store applies an id once, so a batch that did arrive
 * before its answer was lost counts once); the increments made meanwhile wait in `pending` and go in
 * the next batch together. Rounds never overlap, so answers are applied in order.
 */
export class RateLimitSync {
  /** The longest gaps are what the overshoot is made of: the time between rounds and a batch's round trip. */
  readonly stats = { rounds: 0, batches: 0, failedBatches: 0, longestGapMs: 0, longestRoundTripMs: 0 };
  private lastRoundAt: number | undefined;
  private readonly store: CounterStore;
  private readonly outage: OutageLog;
  private readonly intervalMs: number;
  private readonly instance = randomBytes(6).toString("hex");
  private readonly touched = new Set<SharedCounter>();
  private sequence = 0;
  private inDoubt: Batch | undefined;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(options: SyncOptions) {
    this.store = options.store;
    this.outage = options.outage;
    this.intervalMs = options.intervalMs ?? 200;
  }

  /** Marks a counter for the next batch (changed, or read: its total should come back). O(1). */
  touch(counter: SharedCounter): void {
    if (this.stopped) return;
    this.touched.add(counter);
    if (!this.timer) {
      this.timer = setInterval(() => void this.sync(), this.intervalMs);
      this.timer.unref();
    }
  }

  /** One round now (or the one already running). Never rejects. */
  sync(): Promise<void> {
    this.running ??= this.round()
      .catch(() => undefined)
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** Waits for the running round, then sends everything pending. Bounded (≤ 4 s), never rejects. */
  async flush(): Promise<void> {
    await this.running;
    await this.sync();
  }

  /** Stops the timer, sends what is pending (bounded) and closes the store's connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
    await this.store.close().catch(() => undefined);
  }

  private async round(): Promise<void> {
    this.stats.rounds += 1;
    const now = Date.now();
    if (this.lastRoundAt !== undefined) this.stats.longestGapMs = Math.max(this.stats.longestGapMs, now - this.lastRoundAt);
    this.lastRoundAt = now;
    if (this.inDoubt) {
      const again = withoutEndedWindows(this.inDoubt, now);
      if (again && !(await this.send(again))) return;
      this.inDoubt = undefined;
    }
    const counters = [...this.touched].filter((counter) => counter.expiresAt > now);
    this.touched.clear();
    if (counters.length === 0) return;
    const increments = counters.map((counter) => counter.pending);
    for (const counter of counters) {
      counter.sending += counter.pending;
      counter.pending = 0;
    }
    const id = increments.some((n) => n > 0) ? `${this.instance}:${(this.sequence += 1)}` : null;
    const batch: Batch = { id, counters, increments };
    if (!(await this.send(batch)) && id) this.inDoubt = batch;
  }

  private async send(batch: Batch): Promise<boolean> {
    this.stats.batches += 1;
    try {
      const apply = this.store.apply({
        id: batch.id,
        idExpiresAt: Math.max(...batch.counters.map((counter) => counter.expiresAt)) + BATCH_ID_GRACE_MS,
        items: batch.counters.map((counter, i) => ({ key: counter.storeKey, increment: batch.increments[i] ?? 0, expiresAt: counter.expiresAt })),
      });
      const sentAt = Date.now();
      const totals = await withTimeout(apply, BATCH_TIMEOUT_MS);
      this.stats.longestRoundTripMs = Math.max(this.stats.longestRoundTripMs, Date.now() - sentAt);
      batch.counters.forEach((counter, i) => {
        counter.shared = totals[i] ?? counter.shared;
        counter.sending -= batch.increments[i] ?? 0;
      });
      this.outage.succeeded();
      return true;
    } catch (error) {
      this.stats.failedBatches += 1;
      // Read again next round; the increments stay counted in `sending` until the batch is resolved.
      for (const counter of batch.counters) this.touched.add(counter);
      this.outage.failed(error);
      return false;
    }
  }
}

/** A batch kept for resending, minus counters whose window is over (they no longer matter). */
function withoutEndedWindows(batch: Batch, now: number): Batch | undefined {
  const keep = batch.counters.map((counter, i) => ({ counter, n: batch.increments[i] ?? 0 })).filter(({ counter }) => counter.expiresAt > now);
  if (keep.length === 0) return undefined;
  return { id: batch.id, counters: keep.map(({ counter }) => counter), increments: keep.map(({ n }) => n) };
}
