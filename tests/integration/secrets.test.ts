// createProject, decryptCurrentSecret and rotateIdentitySecret against a real, migrated SQLite file.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createProject } from "@/lib/projects/projects";
import { currentSecretSummary, decryptCurrentSecret } from "@/lib/identity/secret-store";
import { rotateIdentitySecret } from "@/lib/identity/secret-rotation";
import { SECRET_PATTERN, lastFour, secretFingerprint } from "@/lib/identity/secret";
import { PROJECT_ID_PATTERN } from "@/lib/identity/project-id";
import { UserFacingError } from "@/lib/result";
import { createTeamWithOwner, environmentSecrets } from "../helpers/fixtures";

type Setup = Awaited<ReturnType<typeof createTeamWithOwner>> & { projectId: string };
let s: Setup;

beforeEach(async () => {
  const owner = await createTeamWithOwner("owner");
  const project = await createProject({ teamId: owner.team.id, name: "Storefront", actor: owner.actor });
  s = { ...owner, projectId: project.id };
});

/** The production secrets (what these tests rotate); development's are checked on their own below. */
const secretRows = (projectId: string, environment = "production") =>
  db.identitySecret.findMany({ where: { projectId, environment }, omit: { ciphertext: false }, orderBy: { createdAt: "asc" } });
const auditEvents = (projectId: string) => db.auditEvent.findMany({ where: { projectId }, orderBy: { createdAt: "asc" } });
const currentSecretId = async (projectId: string) =>
  (await environmentSecrets(projectId)).currentSecretId;
const rotate = (expectedSecretId: string) =>
  rotateIdentitySecret({ environment: "production", projectId: s.projectId, teamId: s.team.id, expectedSecretId, actor: s.actor });

describe("createProject", () => {
  it("creates the project with one current, encrypted secret per environment and a project.created audit event", async () => {
    expect(s.projectId).toMatch(PROJECT_ID_PATTERN);
    const project = await db.project.findUniqueOrThrow({ where: { id: s.projectId } });
    expect(project).toMatchObject({ teamId: s.team.id, name: "Storefront" });

    const rows = await secretRows(s.projectId);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(await currentSecretId(s.projectId)).toBe(row!.id);
    expect(row).toMatchObject({ createdById: s.user.id, retiredAt: null });
    const [development, ...more] = await secretRows(s.projectId, "development");
    expect(more).toHaveLength(0);
    expect((await environmentSecrets(s.projectId, "development")).currentSecretId).toBe(development!.id);
    expect((await decryptCurrentSecret(s.projectId, "development")).secret).toMatch(/^rqio_sk_dev_[0-9A-Za-z]{44}$/);
    expect((await decryptCurrentSecret(s.projectId, "production")).secret).toMatch(/^rqio_sk_[0-9A-Za-z]{44}$/);
    expect(row!.ciphertext).toMatch(/^v1\.[0-9a-f]{8}\.[\w-]+\.[\w-]+$/);

    const events = await auditEvents(s.projectId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "project.created", teamId: s.team.id, actorId: s.user.id, actorLabel: s.user.email });
    expect(JSON.parse(events[0]!.details)).toEqual({ name: "Storefront", secretFingerprint: row!.fingerprint, developmentSecretFingerprint: development!.fingerprint });
  });

  it("never loads ciphertext unless asked (lib/db.ts omit)", async () => {
    const row = await db.identitySecret.findFirstOrThrow({ where: { projectId: s.projectId } });
    expect(row).not.toHaveProperty("ciphertext");
  });
});

describe("decryptCurrentSecret", () => {
  it("returns a well-formed secret whose last4 and fingerprint match the stored row", async () => {
    const { secret, summary } = await decryptCurrentSecret(s.projectId, "production");
    expect(secret).toMatch(SECRET_PATTERN);
    const [row] = await secretRows(s.projectId);
    expect(summary).toEqual({ id: row!.id, last4: row!.last4, fingerprint: row!.fingerprint, createdAt: row!.createdAt });
    expect(lastFour(secret)).toBe(row!.last4);
    expect(secretFingerprint(secret)).toBe(row!.fingerprint);
    expect(row!.ciphertext).not.toContain(secret);
    expect(summary).toEqual(await currentSecretSummary(s.projectId, "production"));
    expect((await decryptCurrentSecret(s.projectId, "production")).secret).toBe(secret); // stable across reads
  });

  it("each project gets its own secret", async () => {
    const other = await createProject({ teamId: s.team.id, name: "Other", actor: s.actor });
    expect((await decryptCurrentSecret(other.id, "production")).secret).not.toBe((await decryptCurrentSecret(s.projectId, "production")).secret);
  });

  it("an unknown project is a UserFacingError, not a crash", async () => {
    await expect(decryptCurrentSecret("prj_doesnotexist0000000000", "production")).rejects.toThrow(UserFacingError);
    expect(await currentSecretSummary("prj_doesnotexist0000000000", "production")).toBeNull();
  });
});

describe("rotateIdentitySecret", () => {
  it("replaces the secret, retires the old row and audits fingerprints only", async () => {
    const before = await decryptCurrentSecret(s.projectId, "production");
    const rotated = await rotate(before.summary.id);

    expect(rotated.secret).toMatch(SECRET_PATTERN);
    expect(rotated.secret).not.toBe(before.secret);
    expect(rotated.summary.id).not.toBe(before.summary.id);
    expect(await currentSecretId(s.projectId)).toBe(rotated.summary.id);
    expect((await decryptCurrentSecret(s.projectId, "production")).secret).toBe(rotated.secret);

    const rows = await secretRows(s.projectId);
    expect(rows).toHaveLength(2);
    const old = rows.find((r) => r.id === before.summary.id)!;
    const current = rows.find((r) => r.id === rotated.summary.id)!;
    expect(old.ciphertext).toBeNull();
    expect(old.retiredAt).toBeInstanceOf(Date);
    expect(old.fingerprint).toBe(secretFingerprint(before.secret));
    expect(current).toMatchObject({ retiredAt: null, last4: lastFour(rotated.secret), fingerprint: secretFingerprint(rotated.secret) });
    expect(current.ciphertext).toBeTruthy();

    const events = await auditEvents(s.projectId);
    expect(events.map((e) => e.action)).toEqual(["project.created", "secret.rotated"]);
    const rotatedEvent = events[1]!;
    expect(rotatedEvent).toMatchObject({ actorId: s.user.id, actorLabel: s.user.email, ip: "127.0.0.1", userAgent: "vitest" });
    expect(JSON.parse(rotatedEvent.details)).toEqual({
      environment: "production",
      grace: "immediately",
      previousExpiresAt: null,
      previousFingerprint: secretFingerprint(before.secret),
      newFingerprint: secretFingerprint(rotated.secret),
    });
    const everything = JSON.stringify(events);
    for (const secret of [before.secret, rotated.secret]) {
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(secret.slice(8, -4));
    }
  });

  it("a stale expectedSecretId (double submit) changes nothing and says why", async () => {
    const first = await decryptCurrentSecret(s.projectId, "production");
    const rotated = await rotate(first.summary.id);
    const rowsBefore = await secretRows(s.projectId);

    const error = await rotate(first.summary.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as Error).message).toMatch(/already rotated/);

    // No lost or duplicated secret: same rows, same current one, still decryptable.
    expect(await secretRows(s.projectId)).toEqual(rowsBefore);
    expect(await currentSecretId(s.projectId)).toBe(rotated.summary.id);
    expect(rowsBefore.filter((r) => r.ciphertext !== null)).toHaveLength(1);
    expect((await decryptCurrentSecret(s.projectId, "production")).secret).toBe(rotated.secret);
    expect((await auditEvents(s.projectId)).filter((e) => e.action === "secret.rotated")).toHaveLength(1);
  });

  it("an expectedSecretId from another project changes neither project", async () => {
    const other = await createProject({ teamId: s.team.id, name: "Other", actor: s.actor });
    const otherSecret = await decryptCurrentSecret(other.id, "production");
    const mine = await decryptCurrentSecret(s.projectId, "production");
    await expect(rotate(otherSecret.summary.id)).rejects.toThrow(UserFacingError);
    expect((await decryptCurrentSecret(other.id, "production")).secret).toBe(otherSecret.secret);
    expect((await decryptCurrentSecret(s.projectId, "production")).secret).toBe(mine.secret);
    expect(await secretRows(s.projectId)).toHaveLength(1);
  });

  it("10 concurrent rotations from the same confirmation: exactly one wins", async () => {
    const { summary } = await decryptCurrentSecret(s.projectId, "production");
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => rotate(summary.id)));

    const won = results.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof rotate>>> => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(9);
    for (const r of lost) {
      expect(r.reason).toBeInstanceOf(UserFacingError);
      expect((r.reason as Error).message).toMatch(/already rotated/);
    }

    const winner = won[0]!.value;
    const rows = await secretRows(s.projectId);
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.ciphertext !== null).map((r) => r.id)).toEqual([winner.summary.id]);
    expect(rows.filter((r) => r.retiredAt === null).map((r) => r.id)).toEqual([winner.summary.id]);
    expect(await currentSecretId(s.projectId)).toBe(winner.summary.id);
    expect((await decryptCurrentSecret(s.projectId, "production")).secret).toBe(winner.secret);
    expect((await auditEvents(s.projectId)).filter((e) => e.action === "secret.rotated")).toHaveLength(1);
  });

  it("rotations chain: each one retires the previous", async () => {
    let current = await decryptCurrentSecret(s.projectId, "production");
    const seen = new Set([current.secret]);
    for (let i = 0; i < 3; i++) {
      const next = await rotate(current.summary.id);
      seen.add(next.secret);
      current = await decryptCurrentSecret(s.projectId, "production");
      expect(current.secret).toBe(next.secret);
    }
    expect(seen.size).toBe(4);
    const rows = await secretRows(s.projectId);
    expect(rows.filter((r) => r.retiredAt !== null)).toHaveLength(3);
    expect(rows.filter((r) => r.ciphertext !== null)).toHaveLength(1);
  });
});
