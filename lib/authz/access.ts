import "server-only";
import { db } from "@/lib/db";
import { perRequest } from "@/lib/http/request-memo";
import { can, canInEnvironment, needsSecondFactor, type Permission, type TeamPolicy } from "@/lib/authz/policy";
import { hasSecondFactor } from "@/lib/auth/second-factor/user-factors";
import type { Environment } from "@/lib/identity/environments";
import { parseRole, type Role } from "@/lib/authz/roles";
import { isProjectId } from "@/lib/identity/project-id";
import { failure, type Failure } from "@/lib/result";

export type TeamAccess = { team: { id: string; name: string } & TeamPolicy; role: Role };
export type ProjectAccess = TeamAccess & { project: { id: string; name: string; teamId: string; createdAt: Date } };

// Another team's project and a project that never existed get the same answer: no hint either way.
export const PROJECT_NOT_FOUND = "Project not found.";
export const TEAM_NOT_FOUND = "Team not found.";
export const SECOND_FACTOR_REQUIRED =
  "This team requires a second factor to reveal, rotate or expire signing secrets. Add a passkey or an authenticator app on your Account page, then try again.";

const DENIED: Record<Permission, string> = {
  "team:view": "You can't view this team.",
  "team:rename": "Only owners and admins can rename the team.",
  "team:delete": "Only owners can delete the team.",
  "team:development-access": "Only owners can choose who may reveal the development secret.",
  "team:second-factor-requirement": "Only owners can require a second factor for the team.",
  "members:view": "You can't view this team's members.",
  "members:invite": "Only owners and admins can invite people.",
  "members:manage": "Only owners and admins can manage members.",
  "owners:manage": "Only owners can manage owners.",
  "audit:view": "Only owners and admins can see the audit log.",
  "secret:expire": "Only owners and admins can expire the previous secret.",
  "token:debug": "You can't use the token debugger for this project.",
  "project:view": "You can't view this project.",
  "project:create": "Only owners and admins can create projects.",
  "project:rename": "Only owners and admins can rename projects.",
  "project:delete": "Only owners and admins can delete projects.",
  "secret:reveal": "Only owners and admins can reveal the signing secret.",
  "secret:rotate": "Only owners and admins can rotate the signing secret.",
};

/** The refusal a role without `permission` gets; tests match action outcomes against it. */
export function deniedMessage(permission: Permission, environment?: Environment): string {
  if (environment === "development" && permission === "secret:reveal") {
    return "Only owners and admins can reveal the development secret here, unless an owner lets members reveal it (Team settings).";
  }
  return DENIED[permission];
}

/**
 * The caller's role in the project's team, or null (unknown project, or another team's). Once per
 * request like currentUser(): the project layout and its page ask once between them.
 */
export const findProjectAccess = perRequest(async function findProjectAccess(userId: string, projectId: string): Promise<ProjectAccess | null> {
  if (!isProjectId(projectId)) return null;
  const project = await db.project.findUnique({
    where: { id: projectId },
    select: {
      id: true, name: true, teamId: true, createdAt: true,
      team: { select: { id: true, name: true, membersRevealDevelopmentSecret: true, requireSecondFactor: true, memberships: { where: { userId }, select: { role: true } } } },
    },
  });
  const membership = project?.team.memberships[0];
  if (!project || !membership) return null;
  const { team: { memberships: _memberships, ...team }, ...rest } = project;
  return { project: rest, team, role: parseRole(membership.role) };
});

/** The caller's role in the team, or null; once per request like findProjectAccess. */
export const findTeamAccess = perRequest(async function findTeamAccess(userId: string, teamId: string): Promise<TeamAccess | null> {
  const membership = await db.membership.findUnique({
    where: { userId_teamId: { userId, teamId } },
    select: { role: true, team: { select: { id: true, name: true, membersRevealDevelopmentSecret: true, requireSecondFactor: true } } },
  });
  return membership ? { team: membership.team, role: parseRole(membership.role) } : null;
});

/**
 * The check every action makes first: member of the project's or team's team, with the permission
 * (for one environment's secret when `environment` is given), and a second factor where the team requires one.
 */
function authorizer<Access extends TeamAccess>(findAccess: (userId: string, id: string) => Promise<Access | null>, notFoundMessage: string) {
  return async (userId: string, id: string, permission: Permission, environment?: Environment): Promise<({ ok: true } & Access) | Failure> => {
    const access = await findAccess(userId, id);
    if (!access) return failure(notFoundMessage);
    const allowed = environment ? canInEnvironment(access.role, permission, environment, access.team) : can(access.role, permission);
    if (!allowed) return failure(deniedMessage(permission, environment));
    if (needsSecondFactor(permission, access.team) && !(await hasSecondFactor(userId))) return failure(SECOND_FACTOR_REQUIRED);
    return { ok: true, ...access };
  };
}

export const authorizeProject = authorizer(findProjectAccess, PROJECT_NOT_FOUND);
export const authorizeTeam = authorizer(findTeamAccess, TEAM_NOT_FOUND);
