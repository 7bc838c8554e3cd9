// The in-memory side of usage statistics: merging per row, putting a failed batch back, and the cap.
import { describe, expect, it } from "vitest";
import { VerificationStatsBuffer, type PendingStat } from "@/lib/identity/verification-stats-buffer";

const user = (id: string, plan: string) => ({ id, email: null, plan, interval: null, amountCents: null, mrrCents: null });
const count = (code: string, n: number, age?: number): PendingStat => ({ kind: "count", projectId: "p", environment: "production", bucketStart: 0, code, count: n, ageMin: age, ageMax: age });
const sighting = (id: string, at: number, plan = "pro"): PendingStat => ({ kind: "user", projectId: "p", environment: "production", user: user(id, plan), firstSeen: at, lastSeen: at });

describe("VerificationStatsBuffer", () => {
  it("restores a failed batch merged with what arrived since: counts add, extremes widen, first/last seen combine", () => {
    const buffer = new VerificationStatsBuffer(100);
    buffer.add(count("ok", 3, 5));
    buffer.add(sighting("u1", 1000, "free"));
    buffer.add({ kind: "secretUse", secretId: "s", at: 1000 });
    const failed = buffer.take();
    expect(buffer.size).toBe(0);

    buffer.add(count("ok", 2, -4));
    buffer.add(count("ok", 1, 9));
    buffer.add(sighting("u1", 2000, "pro"));
    buffer.add({ kind: "secretUse", secretId: "s", at: 2000 });
    buffer.restore(failed);

    expect(buffer.take()).toEqual([
      { kind: "count", projectId: "p", environment: "production", bucketStart: 0, code: "ok", count: 6, ageMin: -4, ageMax: 9 },
      { kind: "secretUse", secretId: "s", at: 2000 },
      { kind: "user", projectId: "p", environment: "production", user: user("u1", "pro"), firstSeen: 1000, lastSeen: 2000 },
    ]);
  });

  it("keeps a user's development and production sightings apart (two rows, never merged)", () => {
    const buffer = new VerificationStatsBuffer(100);
    buffer.add(sighting("u1", 1000, "pro"));
    buffer.add({ kind: "user", projectId: "p", environment: "development", user: user("u1", "free"), firstSeen: 2000, lastSeen: 2000 });
    buffer.addCount("p", "production", 0, "ok");
    buffer.addCount("p", "development", 0, "ok");
    const taken = buffer.take();
    expect(taken.filter((stat) => stat.kind === "count").map((stat) => "environment" in stat && stat.environment)).toEqual(["production", "development"]);
    expect(taken.filter((stat) => stat.kind === "user").map((stat) => "environment" in stat && [stat.environment, stat.user.plan])).toEqual([["production", "pro"], ["development", "free"]]);
  });

  it("keeps the newer traits when an older sighting is put back after a newer one", () => {
    const buffer = new VerificationStatsBuffer(100);
    buffer.add(sighting("u1", 2000, "pro"));
    buffer.add(sighting("u1", 1000, "free"));
    expect(buffer.take()).toEqual([{ kind: "user", projectId: "p", environment: "production", user: user("u1", "pro"), firstSeen: 1000, lastSeen: 2000 }]);
  });

  it("over the cap drops the oldest user sightings first, then the oldest counters, and says how many", () => {
    const buffer = new VerificationStatsBuffer(4);
    buffer.add(count("ok", 1));
    buffer.add(count("bad_signature", 1));
    for (let i = 1; i <= 4; i += 1) buffer.add(sighting(`u${i}`, i));
    expect(buffer.size).toBe(4);
    expect(buffer.takeEvicted()).toEqual({ users: 2, counts: 0 });
    for (const code of ["a", "b", "c"]) buffer.add(count(code, 1));
    expect(buffer.takeEvicted()).toEqual({ users: 2, counts: 1 });
    expect(buffer.take().map((stat) => (stat.kind === "count" ? stat.code : stat.kind))).toEqual(["bad_signature", "a", "b", "c"]);
    expect(buffer.takeEvicted()).toEqual({ users: 0, counts: 0 });
  });

  it("a seen-again user moves to the back, so the cap drops users by last sighting", () => {
    const buffer = new VerificationStatsBuffer(2);
    buffer.add(sighting("u1", 1));
    buffer.add(sighting("u2", 2));
    buffer.add(sighting("u1", 3));
    buffer.add(sighting("u3", 4));
    expect(buffer.take().map((stat) => stat.kind === "user" && stat.user.id)).toEqual(["u1", "u3"]);
  });
});
