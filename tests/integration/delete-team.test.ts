// Deleting a team takes its projects, secrets and memberships with it; the audit trail stays.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createProject } from "@/lib/projects/projects";
import { rotateIdentitySecret } from "@/lib/identity/secret-rotation";
import { decryptCurrentSecret } from "@/lib/identity/secret-store";
import { deleteTeam } from "@/lib/teams/teams";
import { addMember, createTeamWithOwner, createUser } from "../helpers/fixtures";

describe("deleteTeam", () => {
  it("refuses a wrong confirmation and deletes nothing", async () => {
    const owner = await createTeamWithOwner("keeper");
    await createProject({ teamId: owner.team.id, name: "Kept", actor: owner.actor });
    await expect(deleteTeam({ teamId: owner.team.id, confirmation: "keeper", actor: owner.actor })).rejects.toMatchObject({ field: "confirmation" });
    expect(await db.project.count({ where: { teamId: owner.team.id } })).toBe(1);
  });

  it("deletes projects (including one in a grace period), secrets and memberships; audit events remain", async () => {
    const owner = await createTeamWithOwner("leaver");
    const member = await createUser("member");
    await addMember(owner.team.id, member.id, "member");
    const a = await createProject({ teamId: owner.team.id, name: "A", actor: owner.actor });
    await createProject({ teamId: owner.team.id, name: "B", actor: owner.actor });
    const { summary } = await decryptCurrentSecret(a.id, "production");
    await rotateIdentitySecret({ environment: "production", projectId: a.id, teamId: owner.team.id, expectedSecretId: summary.id, actor: owner.actor, grace: "24h" });

    expect(await deleteTeam({ teamId: owner.team.id, confirmation: owner.team.name, actor: owner.actor })).toEqual({ projects: 2 });
    expect(await db.team.findUnique({ where: { id: owner.team.id } })).toBeNull();
    expect(await db.project.count({ where: { teamId: owner.team.id } })).toBe(0);
    expect(await db.identitySecret.count({ where: { projectId: a.id } })).toBe(0);
    expect(await db.membership.count({ where: { teamId: owner.team.id } })).toBe(0);
    expect(await db.user.findUnique({ where: { id: member.id } })).not.toBeNull();
    const actions = (await db.auditEvent.findMany({ where: { teamId: owner.team.id }, select: { action: true } })).map((e) => e.action);
    expect(actions).toContain("team.deleted");
    expect(actions).toContain("secret.rotated");
  });
});
