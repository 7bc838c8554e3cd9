// Reveal is audited (actor, time, IP, fingerprint) and the event never holds the secret.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createProject } from "@/lib/projects/projects";
import { revealIdentitySecret } from "@/lib/identity/secret-store";
import { secretFingerprint } from "@/lib/identity/secret";
import { createTeamWithOwner } from "../helpers/fixtures";

describe("revealIdentitySecret", () => {
  it("returns the secret and records who revealed it, when and from where", async () => {
    const owner = await createTeamWithOwner("revealer");
    const project = await createProject({ teamId: owner.team.id, name: "Revealed", actor: owner.actor });
    const before = new Date(Date.now() - 1000);
    const { secret } = await revealIdentitySecret({
      environment: "production",
      projectId: project.id,
      teamId: owner.team.id,
      actor: { ...owner.actor, ip: "198.51.100.4", userAgent: "Firefox" },
    });
    const events = await db.auditEvent.findMany({ where: { projectId: project.id, action: "secret.revealed" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: owner.user.id, actorLabel: owner.user.email, ip: "198.51.100.4", userAgent: "Firefox" });
    expect(events[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(JSON.parse(events[0]!.details)).toEqual({ environment: "production", fingerprint: secretFingerprint(secret) });
    expect(JSON.stringify(events)).not.toContain(secret);
  });
});
