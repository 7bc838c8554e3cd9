// authorizeProject / authorizeTeam against real memberships in SQLite.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { PROJECT_NOT_FOUND, TEAM_NOT_FOUND, authorizeProject, authorizeTeam, deniedMessage, findProjectAccess } from "@/lib/authz/access";
import { PERMISSIONS, type Permission } from "@/lib/authz/policy";
import { createProject } from "@/lib/projects/projects";
import { generateProjectId } from "@/lib/identity/project-id";
import { addMember, createTeamWithOwner, createUser, type TestUser } from "../helpers/fixtures";

const permissions = Object.keys(PERMISSIONS) as Permission[];
let teamA: Awaited<ReturnType<typeof createTeamWithOwner>>;
let teamB: Awaited<ReturnType<typeof createTeamWithOwner>>;
let admin: TestUser, member: TestUser, oddRole: TestUser, noTeam: TestUser;
let projectA: string, projectB: string;

beforeAll(async () => {
  teamA = await createTeamWithOwner("alice");
  teamB = await createTeamWithOwner("bob");
  [admin, member, oddRole, noTeam] = await Promise.all([createUser("admin"), createUser("member"), createUser("odd"), createUser("loner")]);
  await addMember(teamA.team.id, admin.id, "admin");
  await addMember(teamA.team.id, member.id, "member");
  await addMember(teamA.team.id, oddRole.id, "superadmin"); // a role this build doesn't know
  projectA = (await createProject({ teamId: teamA.team.id, name: "Alpha", actor: teamA.actor })).id;
  projectB = (await createProject({ teamId: teamB.team.id, name: "Beta", actor: teamB.actor })).id;
});

describe("authorizeProject", () => {
  it("owner may do everything, and gets the project, team and role", async () => {
    for (const permission of permissions) {
      const result = await authorizeProject(teamA.user.id, projectA, permission);
      expect(result).toMatchObject({
        ok: true,
        role: "owner",
        team: { id: teamA.team.id, name: teamA.team.name },
        project: { id: projectA, name: "Alpha", teamId: teamA.team.id },
      });
    }
  });

  it("admin may do everything except the owner-only team:delete and owners:manage", async () => {
    for (const permission of permissions) {
      const ownerOnly = permission === "team:delete" || permission === "owners:manage";
      const result = await authorizeProject(admin.id, projectA, permission);
      if (ownerOnly) expect(result).toEqual({ ok: false, error: deniedMessage(permission) });
      else expect(result).toMatchObject({ ok: true, role: "admin" });
    }
  });

  it("member may view and use the token debugger, and gets a specific refusal for everything else", async () => {
    const memberMay: Permission[] = ["project:view", "team:view", "members:view", "token:debug"];
    for (const permission of memberMay) {
      expect(await authorizeProject(member.id, projectA, permission)).toMatchObject({ ok: true, role: "member" });
    }
    expect(await authorizeProject(member.id, projectA, "secret:reveal")).toEqual({
      ok: false,
      error: "Only owners and admins can reveal the signing secret.",
    });
    expect(await authorizeProject(member.id, projectA, "secret:rotate")).toEqual({
      ok: false,
      error: "Only owners and admins can rotate the signing secret.",
    });
    for (const permission of permissions.filter((p) => !memberMay.includes(p))) {
      expect(await authorizeProject(member.id, projectA, permission)).toEqual({ ok: false, error: deniedMessage(permission) });
      expect(deniedMessage(permission)).not.toBe(PROJECT_NOT_FOUND);
    }
  });

  it("an unknown role stored in the database is treated as member", async () => {
    expect(await authorizeProject(oddRole.id, projectA, "project:view")).toMatchObject({ ok: true, role: "member" });
    expect((await authorizeProject(oddRole.id, projectA, "secret:reveal")).ok).toBe(false);
  });

  it("another team's project looks exactly like a project that does not exist", async () => {
    const otherTeams = await authorizeProject(teamB.user.id, projectA, "project:view");
    expect(otherTeams).toEqual({ ok: false, error: "Project not found." });
    expect(PROJECT_NOT_FOUND).toBe("Project not found.");
    for (const missing of [generateProjectId(), "prj_nope", "not-a-project", "", "../../etc/passwd"]) {
      expect(await authorizeProject(teamB.user.id, missing, "project:view")).toEqual(otherTeams);
    }
    // Same answer for every permission, so a refusal never reveals that the project exists.
    for (const permission of permissions) {
      expect(await authorizeProject(teamB.user.id, projectA, permission)).toEqual(otherTeams);
      expect(await authorizeProject(noTeam.id, projectA, permission)).toEqual(otherTeams);
    }
  });

  it("each owner reaches only their own team's project", async () => {
    expect((await authorizeProject(teamB.user.id, projectB, "secret:reveal")).ok).toBe(true);
    expect((await authorizeProject(teamA.user.id, projectB, "project:view")).ok).toBe(false);
  });

  it("losing the membership removes access at once", async () => {
    const temp = await createUser("temp");
    await addMember(teamA.team.id, temp.id, "admin");
    expect((await authorizeProject(temp.id, projectA, "secret:reveal")).ok).toBe(true);
    await db.membership.delete({ where: { userId_teamId: { userId: temp.id, teamId: teamA.team.id } } });
    expect(await authorizeProject(temp.id, projectA, "secret:reveal")).toEqual({ ok: false, error: PROJECT_NOT_FOUND });
    expect(await findProjectAccess(temp.id, projectA)).toBeNull();
  });
});

describe("authorizeTeam", () => {
  it("owner and admin may create projects; member may not", async () => {
    expect(await authorizeTeam(teamA.user.id, teamA.team.id, "project:create")).toMatchObject({ ok: true, role: "owner" });
    expect(await authorizeTeam(admin.id, teamA.team.id, "project:create")).toMatchObject({ ok: true, role: "admin" });
    expect(await authorizeTeam(member.id, teamA.team.id, "project:create")).toEqual({
      ok: false,
      error: "Only owners and admins can create projects.",
    });
  });

  it("a team you're not in looks like a team that does not exist", async () => {
    const notMine = await authorizeTeam(teamB.user.id, teamA.team.id, "project:view");
    expect(notMine).toEqual({ ok: false, error: TEAM_NOT_FOUND });
    expect(await authorizeTeam(teamB.user.id, "no-such-team", "project:view")).toEqual(notMine);
  });
});
