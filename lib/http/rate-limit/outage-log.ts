import { describeError, log } from "@/lib/log";

/**
 * Logs a shared store's trouble once per outage, not once per request: the first failure after a
 * success (or at start) warns, the first success after that says it is back.
 */
export class OutageLog {
  private down = false;

  /** `store`: "redis" or "postgresql"; `user`: which part of the limiter talks to it. */
  constructor(
    private readonly store: string,
    private readonly user: string,
  ) {}

  failed(error: unknown): void {
    if (this.down) return;
    this.down = true;
    log("warn", "rate-limit store unreachable; each instance decides alone until it is back", {
      store: this.store,
      user: this.user,
      error: describeError(error),
    });
  }

  succeeded(): void {
    if (!this.down) return;
    this.down = false;
    log("info", "rate-limit store reachable again; counts are shared again", { store: this.store, user: this.user });
  }

  get isDown(): boolean {
    return this.down;
  }
}
