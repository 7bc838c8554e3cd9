// The key cache re-checks the database ahead of time, off the request path: another instance's rotation is
// served by the time the cached view stops being fresh, and no request waits for (or is failed by) that check.
// The clock is the `now` each call is given; the database is real, so "slow" means the clock moved on
// while the check was still reading.
import { AsyncLocalStorage, createHook } from "node:async_hooks";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createProject } from "@/lib/projects/projects";
import { decryptCurrentSecret } from "@/lib/identity/secret-store";
import { rotateIdentitySecret } from "@/lib/identity/secret-rotation";
import { cachedProjectVerification, FRESH_MS, projectVerification, REFRESH_AHEAD_MS } from "@/lib/identity/project-keys";
import { createTeamWithOwner } from "../helpers/fixtures";
import { openRawSql } from "../helpers/raw-sql";

const sql = openRawSql();
afterAll(() => sql.close());

/** A project whose keys this instance has cached at `t0`, rotated afterwards by "another instance" (no forget). */
async function cachedThenRotatedElsewhere(label: string) {
  const owner = await createTeamWithOwner(label);
  const { id: projectId } = await createProject({ teamId: owner.team.id, name: label, actor: owner.actor });
  const t0 = Date.now();
  await projectVerification(projectId, t0);
  const { summary: before } = await decryptCurrentSecret(projectId, "production");
  const rotate = async () =>
    (await rotateIdentitySecret({ environment: "production", projectId, teamId: owner.team.id, expectedSecretId: before.id, actor: owner.actor })).summary.id;
  return { projectId, t0, oldId: before.id, rotate };
}

const productionKeyAt = (projectId: string, now: number) => cachedProjectVerification(projectId, now)?.keys.find((key) => key.environment === "production")?.id;

describe("the key cache's background re-check", () => {
  it("starts in the second half of the freshness window, so a rotation is served before freshness runs out", async () => {
    const { projectId, t0, oldId, rotate } = await cachedThenRotatedElsewhere("ahead");
    // First half: the cached keys, and no check (its view would still be fresh at FRESH_MS below).
    expect(productionKeyAt(projectId, t0 + REFRESH_AHEAD_MS - 50)).toBe(oldId);
    // Second half: still answered from the cache, synchronously; this request starts the re-check,
    // whose view (nothing changed) is then fresh past the first one's FRESH_MS.
    const firstCheck = t0 + REFRESH_AHEAD_MS + 50;
    expect(productionKeyAt(projectId, firstCheck)).toBe(oldId);
    await vi.waitFor(() => expect(productionKeyAt(projectId, t0 + FRESH_MS + 1)).toBe(oldId), { timeout: 5_000 });

    // Every window after does the same: another instance's rotation lands while the view is still fresh.
    const newId = await rotate();
    expect(productionKeyAt(projectId, firstCheck + REFRESH_AHEAD_MS + 50)).toBe(oldId);
    await vi.waitFor(() => expect(productionKeyAt(projectId, firstCheck + FRESH_MS - 1)).toBe(newId), { timeout: 5_000 });
    // Past the earlier view's freshness a request needs no database wait: the re-check's view is fresh.
    expect(productionKeyAt(projectId, firstCheck + FRESH_MS + 100)).toBe(newId);
  });

  it("when the check is slower than its head start, requests keep the cached keys without waiting, then get the new ones", async () => {
    const { projectId, t0, oldId, rotate } = await cachedThenRotatedElsewhere("slow");
    const newId = await rotate();
    const startedAt = t0 + REFRESH_AHEAD_MS + 50;
    expect(productionKeyAt(projectId, startedAt)).toBe(oldId);
    // The clock passes FRESH_MS before the check has read anything: a request joins it without waiting
    // (it would get the new key if it waited for the check, and without the head start it would start
    // its own check and wait up to 250 ms for it).
    const late = t0 + FRESH_MS + 150;
    const answered = await projectVerification(projectId, late);
    expect(answered?.keys.find((key) => key.environment === "production")?.id).toBe(oldId);
    // Once the check lands, its view (as of when it started) is fresh: the rotation is served at FRESH_MS
    // plus only what the check took beyond its head start.
    await vi.waitFor(() => expect(productionKeyAt(projectId, late)).toBe(newId), { timeout: 5_000 });
  });

  it("a failed background check is never thrown at a request, and the next waits for the failure's back-off", async () => {
    const { projectId, t0, oldId, rotate } = await cachedThenRotatedElsewhere("fails");
    // A real fault: the table the check reads is gone.
    await sql.exec(`ALTER TABLE "ProjectEnvironment" RENAME TO "ProjectEnvironmentAway"`);
    try {
      expect(productionKeyAt(projectId, t0 + REFRESH_AHEAD_MS + 50)).toBe(oldId);
      // The failure landed once a request past freshness is answered from the cache (back-off) instead of asking.
      await vi.waitFor(() => expect(productionKeyAt(projectId, t0 + FRESH_MS + 100)).toBe(oldId), { timeout: 5_000 });
    } finally {
      await sql.exec(`ALTER TABLE "ProjectEnvironmentAway" RENAME TO "ProjectEnvironment"`);
    }
    const newId = await rotate();
    // Still fresh, past the re-check's due time: no second background check (it would load the new key).
    expect(productionKeyAt(projectId, t0 + REFRESH_AHEAD_MS + 100)).toBe(oldId);
    // A check of another project's keys does the same reads; once it is done, one started above would be too.
    const other = await cachedThenRotatedElsewhere("fails-other");
    expect(other.oldId).not.toBe(oldId);
    expect(productionKeyAt(projectId, t0 + FRESH_MS + 100)).toBe(oldId);
    // After the back-off (1 s) the regular re-check picks the rotation up.
    expect((await projectVerification(projectId, t0 + 3_000))?.keys.find((key) => key.environment === "production")?.id).toBe(newId);
  });

  it("the request that starts it creates nothing async in its own context (a check outliving it holds none of its stores)", async () => {
    const { projectId, t0, rotate } = await cachedThenRotatedElsewhere("context");
    const newId = await rotate();
    const requestContext = new AsyncLocalStorage<{ request: string }>();
    const request = { request: "identify" };
    const createdInRequest: string[] = [];
    const hook = createHook({
      init(_asyncId, type) {
        if (requestContext.getStore() === request) createdInRequest.push(type);
      },
    }).enable();
    try {
      expect(requestContext.run(request, () => productionKeyAt(projectId, t0 + REFRESH_AHEAD_MS + 50))).not.toBeUndefined();
      await vi.waitFor(() => expect(productionKeyAt(projectId, t0 + FRESH_MS - 1)).toBe(newId), { timeout: 5_000 });
    } finally {
      hook.disable();
    }
    expect(createdInRequest).toEqual([]);
  });
});
