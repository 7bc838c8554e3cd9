// The identify path's key cache: decrypted once per secret, and a rotation is picked up on the next request.
import { describe, expect, it } from "vitest";
import { createProject } from "@/lib/projects/projects";
import { decryptCurrentSecret } from "@/lib/identity/secret-store";
import { rotateIdentitySecret } from "@/lib/identity/secret-rotation";
import { cachedProjectVerification, forgetProjectVerification, projectVerification, reloadProjectVerification } from "@/lib/identity/project-keys";
import { hmacKeyFromSecret } from "@/lib/identity/secret";
import { createTeamWithOwner } from "../helpers/fixtures";

describe("projectVerification", () => {
  it("serves the current key, and after a rotation the new one (at once with forget, within 500 ms without)", async () => {
    const owner = await createTeamWithOwner("keys");
    const { id: projectId } = await createProject({ teamId: owner.team.id, name: "Keys", actor: owner.actor });
    const t0 = Date.now();
    const first = await projectVerification(projectId, t0);
    const { secret, summary } = await decryptCurrentSecret(projectId, "production");
    expect(first?.audience).toMatch(new RegExp(`/p/${projectId}$`));
    const development = await decryptCurrentSecret(projectId, "development");
    // Production's key first, then development's: each environment's current secret verifies.
    expect(first?.keys.map((k) => [k.key, k.environment])).toEqual([[hmacKeyFromSecret(secret), "production"], [hmacKeyFromSecret(development.secret), "development"]]);
    expect(await projectVerification(projectId, t0 + 100)).toEqual(first); // served from the cache

    const rotated = await rotateIdentitySecret({ environment: "production", projectId, teamId: owner.team.id, expectedSecretId: summary.id, actor: owner.actor });
    // Another instance (no forget call) notices once its cached view is older than 500 ms.
    expect((await projectVerification(projectId, t0 + 200))?.keys[0]?.id).toBe(summary.id);
    expect((await projectVerification(projectId, t0 + 600))?.keys[0]?.id).toBe(rotated.summary.id);
    // The instance that rotated forgets at once.
    forgetProjectVerification(projectId);
    expect((await projectVerification(projectId, t0 + 601))?.keys[0]?.key).toEqual(hmacKeyFromSecret(rotated.secret));
  });

  it("after forget, a check already under way (it may have read the keys before the change) caches nothing", async () => {
    const owner = await createTeamWithOwner("keys-race");
    const { id: projectId } = await createProject({ teamId: owner.team.id, name: "Race", actor: owner.actor });
    const t0 = Date.now();
    await projectVerification(projectId, t0);
    const underWay = projectVerification(projectId, t0 + 600); // stale by then: starts a database check
    forgetProjectVerification(projectId); // e.g. Expire now committed while that check was reading
    expect(await underWay).not.toBeNull();
    // Without this, the next request of this instance would be answered from that check's keys for 500 ms.
    expect(cachedProjectVerification(projectId, t0 + 601)).toBeUndefined();
    expect(await projectVerification(projectId, t0 + 601)).not.toBeNull();
    expect(cachedProjectVerification(projectId, t0 + 602)).not.toBeUndefined();
  });

  it("after a reload by the action that rotated, the next request is answered from the cache with the new key, no database wait", async () => {
    const owner = await createTeamWithOwner("keys-reload");
    const { id: projectId } = await createProject({ teamId: owner.team.id, name: "Reload", actor: owner.actor });
    await projectVerification(projectId);
    const { summary } = await decryptCurrentSecret(projectId, "production");
    const rotated = await rotateIdentitySecret({ environment: "production", projectId, teamId: owner.team.id, expectedSecretId: summary.id, actor: owner.actor });
    await reloadProjectVerification(projectId);
    // Synchronously answered: a request right after the rotation never waits on (or times out for) a first load.
    expect(cachedProjectVerification(projectId)?.keys[0]?.key).toEqual(hmacKeyFromSecret(rotated.secret));
  });

  it("is null for unknown and malformed project IDs", async () => {
    expect(await projectVerification("prj_0000000000000000000000")).toBeNull();
    expect(await projectVerification("../etc/passwd")).toBeNull();
  });
});
