// Grace-period rotation against a real SQLite file, with an injected clock instead of sleeping.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createProject } from "@/lib/projects/projects";
import { decryptCurrentSecret } from "@/lib/identity/secret-store";
import { decryptLiveSecrets } from "@/lib/identity/live-secrets";
import { expireDueSecrets, expirePreviousSecret, rotateIdentitySecret } from "@/lib/identity/secret-rotation";
import { forgetProjectVerification, projectVerification } from "@/lib/identity/project-keys";
import { secretFingerprint } from "@/lib/identity/secret";
import { UserFacingError } from "@/lib/result";
import { createTeamWithOwner, environmentSecrets } from "../helpers/fixtures";

const HOUR = 60 * 60 * 1000;

/** This file rotates production only; the development key verifies alongside, untouched. */
const productionKeys = (verification: Awaited<ReturnType<typeof projectVerification>>) => verification?.keys.filter((key) => key.environment === "production");

async function setup() {
  const owner = await createTeamWithOwner("grace");
  const project = await createProject({ teamId: owner.team.id, name: "Grace", actor: owner.actor });
  const first = await decryptCurrentSecret(project.id, "production");
  return { ...owner, projectId: project.id, first };
}

describe("rotation with a grace period", () => {
  it("keeps the old secret verifying until the grace period ends, then expires it and deletes its ciphertext", async () => {
    const s = await setup();
    const t0 = new Date("2026-11-24T10:00:00Z");
    const rotated = await rotateIdentitySecret({ environment: "production", projectId: s.projectId, teamId: s.team.id, expectedSecretId: s.first.summary.id, actor: s.actor, grace: "24h", now: t0 });
    expect(rotated.previousExpiresAt?.toISOString()).toBe("2026-11-25T10:00:00.000Z");

    forgetProjectVerification(s.projectId);
    const during = await projectVerification(s.projectId, t0.getTime() + 23 * HOUR);
    expect(productionKeys(during)?.map((k) => k.id)).toEqual([rotated.summary.id, s.first.summary.id]);
    expect(productionKeys(during)?.[1]?.label).toMatch(/^previous secret ••••/);
    // Verification stops accepting it at expiresAt, before any sweep has run.
    const after = await projectVerification(s.projectId, t0.getTime() + 24 * HOUR);
    expect(productionKeys(after)?.map((k) => k.id)).toEqual([rotated.summary.id]);

    expect(await expireDueSecrets(new Date(t0.getTime() + 23 * HOUR), s.projectId)).toBe(0);
    expect(await expireDueSecrets(new Date(t0.getTime() + 24 * HOUR + 1000), s.projectId)).toBe(1);
    const old = await db.identitySecret.findUniqueOrThrow({ where: { id: s.first.summary.id }, omit: { ciphertext: false } });
    expect(old).toMatchObject({ ciphertext: null, retiredById: null, fingerprint: secretFingerprint(s.first.secret) });
    expect((await decryptLiveSecrets(s.projectId, "production")).previous).toBeNull();
    const expiry = await db.auditEvent.findFirstOrThrow({ where: { projectId: s.projectId, action: "secret.previous_expired" } });
    expect(expiry).toMatchObject({ actorId: null, actorLabel: "system" });
    expect(JSON.parse(expiry.details)).toMatchObject({ reason: "grace period ended" });
  });

  it("Expire now ends it at once; expiring again is a clear no-op", async () => {
    const s = await setup();
    await rotateIdentitySecret({ environment: "production", projectId: s.projectId, teamId: s.team.id, expectedSecretId: s.first.summary.id, actor: s.actor, grace: "7d" });
    await expirePreviousSecret({ environment: "production", projectId: s.projectId, teamId: s.team.id, expectedSecretId: s.first.summary.id, actor: s.actor });
    forgetProjectVerification(s.projectId);
    expect(productionKeys(await projectVerification(s.projectId))).toHaveLength(1);
    const again = expirePreviousSecret({ environment: "production", projectId: s.projectId, teamId: s.team.id, expectedSecretId: s.first.summary.id, actor: s.actor });
    await expect(again).rejects.toThrow(new UserFacingError("That previous secret has already expired. Nothing to do."));
    expect(await db.auditEvent.count({ where: { projectId: s.projectId, action: "secret.previous_expired" } })).toBe(1);
  });

  it("rotating again during a grace period ends the older secret immediately: never more than two live", async () => {
    const s = await setup();
    const second = await rotateIdentitySecret({ environment: "production", projectId: s.projectId, teamId: s.team.id, expectedSecretId: s.first.summary.id, actor: s.actor, grace: "24h" });
    const third = await rotateIdentitySecret({ environment: "production", projectId: s.projectId, teamId: s.team.id, expectedSecretId: second.summary.id, actor: s.actor, grace: "1h" });
    const live = await db.identitySecret.findMany({ where: { projectId: s.projectId, environment: "production", ciphertext: { not: null } }, select: { id: true } });
    expect(live.map((row) => row.id).sort()).toEqual([second.summary.id, third.summary.id].sort());
    expect(await environmentSecrets(s.projectId)).toEqual({ currentSecretId: third.summary.id, previousSecretId: second.summary.id });
  });

  it("20 concurrent rotations leave one current, at most one previous, one audit event per success, nothing half-written", async () => {
    const s = await setup();
    const graces = ["immediately", "1h", "24h", "7d"] as const;
    // Each attempt confirms the secret it read, as a browser tab would; some overlap and must lose cleanly.
    const attempts = Array.from({ length: 20 }, async (_, i) => {
      const { summary } = await decryptCurrentSecret(s.projectId, "production");
      return rotateIdentitySecret({ environment: "production", projectId: s.projectId, teamId: s.team.id, expectedSecretId: summary.id, actor: s.actor, grace: graces[i % 4] });
    });
    const results = await Promise.allSettled(attempts);
    const succeeded = results.filter((r) => r.status === "fulfilled").length;
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(UserFacingError);
    expect(succeeded).toBeGreaterThanOrEqual(1);

    const project = await environmentSecrets(s.projectId);
    const rows = await db.identitySecret.findMany({ where: { projectId: s.projectId, environment: "production" }, omit: { ciphertext: false } });
    const live = rows.filter((row) => row.ciphertext !== null).map((row) => row.id).sort();
    expect(live).toEqual([project.currentSecretId, project.previousSecretId].filter((id): id is string => id !== null).sort());
    expect(rows).toHaveLength(1 + succeeded); // no secret issued by a losing attempt survived
    for (const row of rows) {
      expect(row.fingerprint).toMatch(/^[0-9a-f]{12}$/);
      if (row.ciphertext === null) expect(row.retiredAt).not.toBeNull();
    }
    expect(await db.auditEvent.count({ where: { projectId: s.projectId, action: "secret.rotated" } })).toBe(succeeded);
  });
});

describe("the audit log is append-only", () => {
  it("the database refuses updates and deletes of audit events", async () => {
    const s = await setup();
    const event = await db.auditEvent.findFirstOrThrow({ where: { projectId: s.projectId } });
    await expect(db.auditEvent.update({ where: { id: event.id }, data: { action: "x" } })).rejects.toThrow();
    await expect(db.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow();
    await expect(db.auditEvent.deleteMany({ where: { projectId: s.projectId } })).rejects.toThrow();
    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).toEqual(event);
  });
});
