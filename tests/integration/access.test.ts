// authorizeProject / authorizeTeam against real memberships in SQLite.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { PROJECT_NOT_FOUND, TEAM_NOT_FOUND, authorizeProject, authorizeTeam, deniedMessage, findProjectAccess } from "@/lib/authz/access";
import { ROLES, type Role } from "@/lib/authz/roles";
import { createProject } from "@/lib/projects/projects";
import { generateProjectId } from "@/lib/identity/project-id";
import { addMember, createTeamWithOwner, createUser, type TestUser } from "../helpers/fixtures";
import { ALL_PERMISSIONS, roleMay } from "../fixtures/permission-table";

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
  it("owner gets the project, team and role with the access", async () => {
    expect(await authorizeProject(teamA.user.id, projectA, "project:view")).toMatchObject({
      ok: true,
      role: "owner",
      team: { id: teamA.team.id, name: teamA.team.name },
      project: { id: projectA, name: "Alpha", teamId: teamA.team.id },
    });
  });

  it("each role may do exactly what the permission table allows, and gets a specific refusal otherwise", async () => {
    const users: Record<Role, TestUser> = { owner: teamA.user, admin, member };
    for (const role of ROLES) {
      for (const permission of ALL_PERMISSIONS) {
        const result = await authorizeProject(users[role].id, projectA, permission);
        if (roleMay(role, permission)) expect(result, `${role} ${permission}`).toMatchObject({ ok: true, role });
        else {
          expect(result, `${role} ${permission}`).toEqual({ ok: false, error: deniedMessage(permission) });
          // A team member is told why, not that the project doesn't exist.
          expect(result).not.toEqual({ ok: false, error: PROJECT_NOT_FOUND });
        }
      }
    }
  });

  it("a member is told who may see and change the signing secret", async () => {
    expect(await authorizeProject(member.id, projectA, "secret:reveal")).toEqual({
      ok: false,
      error: "Only owners and admins can reveal the signing secret.",
    });
    expect(await authorizeProject(member.id, projectA, "secret:rotate")).toEqual({
      ok: false,
      error: "Only owners and admins can rotate the signing secret.",
    });
  });

  it("an unknown role stored in the database is treated as member", async () => {
    expect(await authorizeProject(oddRole.id, projectA, "project:view")).toMatchObject({ ok: true, role: "member" });
    expect((await authorizeProject(oddRole.id, projectA, "secret:reveal")).ok).toBe(false);
  });

  it("another team's project looks exactly like a project that does not exist", async () => {
    const otherTeams = await authorizeProject(teamB.user.id, projectA, "project:view");
    expect(otherTeams).toEqual({ ok: false, error: "Project not found." });
    for (const missing of [generateProjectId(), "prj_nope", "not-a-project", "", "../../etc/passwd"]) {
      expect(await authorizeProject(teamB.user.id, missing, "project:view")).toEqual(otherTeams);
    }
    // Same answer for every permission, so a refusal never reveals that the project exists.
    for (const permission of ALL_PERMISSIONS) {
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
  it("each role may do exactly what the permission table allows in its team", async () => {
    const users: Record<Role, TestUser> = { owner: teamA.user, admin, member };
    for (const role of ROLES) {
      for (const permission of ALL_PERMISSIONS) {
        const result = await authorizeTeam(users[role].id, teamA.team.id, permission);
        if (roleMay(role, permission)) expect(result, `${role} ${permission}`).toMatchObject({ ok: true, role, team: { id: teamA.team.id } });
        else expect(result, `${role} ${permission}`).toEqual({ ok: false, error: deniedMessage(permission) });
      }
    }
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
