// Verification stats waiting to be written, merged per database row. A batch that failed to write is put
// back and merged with what arrived since, so an outage delays stats instead of losing them; a cap keeps
// a long outage from growing memory without bound.
import type { IdentifiedUser } from "@/lib/identity/token-verifier";

export type PendingStat =
  | { kind: "count"; projectId: string; environment: string; bucketStart: number; code: string; count: number; ageMin?: number; ageMax?: number }
  | { kind: "user"; projectId: string; environment: string; user: IdentifiedUser; firstSeen: number; lastSeen: number }
  | { kind: "secretUse"; secretId: string; at: number }
  /** The latest rejected token per project and cause: its decoded header and claims, never the signature. */
  | { kind: "example"; projectId: string; environment: string; cause: string; code: string; at: number; header: Record<string, unknown> | null; claims: Record<string, unknown> | null };

type Count = Extract<PendingStat, { kind: "count" }>;
type Sighting = Extract<PendingStat, { kind: "user" }>;
type SecretUse = Extract<PendingStat, { kind: "secretUse" }>;
type Example = Extract<PendingStat, { kind: "example" }>;

export const lower = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));
export const higher = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));

export class VerificationStatsBuffer {
  private counts = new Map<string, Count>();
  /** In last-seen order (oldest first), so the cap drops the oldest sightings. */
  private users = new Map<string, Sighting>();
  private secretUses = new Map<string, SecretUse>();
  private examples = new Map<string, Example>();
  private evicted = { users: 0, counts: 0 };

  constructor(private readonly cap: number) {}

  get size(): number {
    return this.counts.size + this.users.size + this.secretUses.size + this.examples.size;
  }

  add(stat: PendingStat): void {
    if (stat.kind === "count") {
      const key = `${stat.projectId}|${stat.environment}|${stat.bucketStart}|${stat.code}`;
      const held = this.counts.get(key);
      // Updated in place (this runs per request); a copy goes in, so a taken batch is never changed.
      if (!held) {
        this.counts.set(key, { ...stat });
      } else {
        held.count += stat.count;
        held.ageMin = lower(held.ageMin, stat.ageMin);
        held.ageMax = higher(held.ageMax, stat.ageMax);
      }
    } else if (stat.kind === "user") {
      const key = `${stat.projectId}|${stat.environment}|${stat.user.id}`;
      const held = this.users.get(key);
      const newer = held && held.lastSeen > stat.lastSeen ? held : stat;
      this.users.delete(key);
      this.users.set(key, { ...newer, firstSeen: Math.min(held?.firstSeen ?? stat.firstSeen, stat.firstSeen) });
    } else if (stat.kind === "example") {
      const key = `${stat.projectId}|${stat.environment}|${stat.cause}`;
      const held = this.examples.get(key);
      // The newest wins, but a token that didn't decode never replaces an example that did.
      if (!held) this.examples.set(key, stat);
      else if (held.at <= stat.at) this.examples.set(key, stat.claims === null && held.claims !== null ? { ...held, at: stat.at } : stat);
    } else {
      const held = this.secretUses.get(stat.secretId);
      this.secretUses.set(stat.secretId, { ...stat, at: Math.max(held?.at ?? stat.at, stat.at) });
    }
    this.enforceCap();
  }

  /** One more count (the per-request case of add): in place when the row is already pending. */
  addCount(projectId: string, environment: string, bucketStart: number, code: string, age?: number): void {
    const held = this.counts.get(`${projectId}|${environment}|${bucketStart}|${code}`);
    if (!held) return this.add({ kind: "count", projectId, environment, bucketStart, code, count: 1, ageMin: age, ageMax: age });
    held.count += 1;
    if (age !== undefined) {
      held.ageMin = lower(held.ageMin, age);
      held.ageMax = higher(held.ageMax, age);
    }
  }

  /** Everything pending, counters first (they matter most), leaving the buffer empty. */
  take(): PendingStat[] {
    const stats = [...this.counts.values(), ...this.secretUses.values(), ...this.examples.values(), ...this.users.values()];
    this.counts = new Map();
    this.users = new Map();
    this.secretUses = new Map();
    this.examples = new Map();
    return stats;
  }

  /** Puts unwritten stats back ahead of what arrived since they were taken, merging rows they share. */
  restore(unwritten: readonly PendingStat[]): void {
    const since = this.take();
    for (const stat of unwritten) this.add(stat);
    for (const stat of since) this.add(stat);
  }

  /** How many entries the cap dropped since the last call. */
  takeEvicted(): { users: number; counts: number } {
    const evicted = this.evicted;
    this.evicted = { users: 0, counts: 0 };
    return evicted;
  }

  // Examples and user sightings go first: a counter is one small row per project, bucket and code, and
  // the counts are what the status page is built on. Secret uses are one per signing secret.
  private enforceCap(): void {
    while (this.size > this.cap) {
      const victims: Map<string, unknown> = this.examples.size > 0 ? this.examples : this.users.size > 0 ? this.users : this.counts;
      const oldest = victims.keys().next();
      if (oldest.done) return;
      victims.delete(oldest.value);
      if (victims !== this.examples) this.evicted[victims === this.users ? "users" : "counts"] += 1;
    }
  }
}
