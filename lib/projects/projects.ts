import "server-only";
import { db, type DbTransaction } from "@/lib/db";
import { generateProjectId } from "@/lib/identity/project-id";
import { createEnvironment } from "@/lib/identity/environment-store";
import { ENVIRONMENTS } from "@/lib/identity/environments";
import { recordAuditEvent, type Actor, type AuditAction, type AuditDetails } from "@/lib/audit/audit-log";
import { UserFacingError } from "@/lib/result";
import { perRequest } from "@/lib/http/request-memo";
import { listUserTeams } from "@/lib/teams/teams";

type ProjectEventScope = { teamId: string; projectId: string; actor: Actor };

/** Every project event is filed under its team and project, with who did it. */
function recordProjectEvent(tx: DbTransaction, { teamId, projectId, actor }: ProjectEventScope, action: AuditAction, details: AuditDetails) {
  return recordAuditEvent(tx, { teamId, projectId, actor, action, details });
}

/** Creates a project with a signing secret for each environment, atomically: never a project without its secrets. */
export async function createProject(input: { teamId: string; name: string; actor: Actor }) {
  return db.$transaction(async (tx) => {
    const project = await tx.project.create({
      data: { id: generateProjectId(), teamId: input.teamId, name: input.name },
      select: { id: true, name: true },
    });
    const fingerprints: Record<string, string> = {};
    for (const environment of ENVIRONMENTS) {
      fingerprints[environment] = await createEnvironment(tx, project.id, environment, input.actor.id);
    }
    const details = { name: project.name, secretFingerprint: fingerprints.production!, developmentSecretFingerprint: fingerprints.development! };
    await recordProjectEvent(tx, { ...input, projectId: project.id }, "project.created", details);
    return project;
  });
}

export async function renameProject(input: { teamId: string; projectId: string; name: string; actor: Actor }) {
  await db.$transaction(async (tx) => {
    const before = await tx.project.findUniqueOrThrow({ where: { id: input.projectId }, select: { name: true } });
    await tx.project.update({ where: { id: input.projectId }, data: { name: input.name } });
    await recordProjectEvent(tx, input, "project.renamed", { from: before.name, to: input.name });
  });
}

/** Deleting needs the exact name typed back, checked here so no client can skip it. */
export async function deleteProject(input: { teamId: string; projectId: string; confirmation: string; actor: Actor }) {
  await db.$transaction(async (tx) => {
    const project = await tx.project.findUniqueOrThrow({ where: { id: input.projectId }, select: { name: true } });
    if (input.confirmation.trim() !== project.name) {
      throw new UserFacingError(`Type the project name "${project.name}" exactly to confirm.`, { field: "confirmation" });
    }
    await tx.projectEnvironment.updateMany({ where: { projectId: input.projectId }, data: { currentSecretId: null, previousSecretId: null } });
    await tx.project.delete({ where: { id: input.projectId } });
    await recordProjectEvent(tx, input, "project.deleted", { name: project.name });
  });
}

export async function listTeamProjects(teamId: string) {
  return db.project.findMany({
    where: { teamId },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, createdAt: true },
  });
}

/** How many projects the sidebar lists; the team page has them all. */
export const SIDEBAR_PROJECT_LIMIT = 10;

// The current team's most recently updated projects (creation and rotation both count) and its total,
// once per request: the project layout's sidebar and the not-found boundary's (the home team) share it.
const recentTeamProjects = perRequest(async function recentTeamProjects(teamId: string) {
  const team = await db.team.findUnique({
    where: { id: teamId },
    select: {
      projects: { orderBy: [{ updatedAt: "desc" }, { createdAt: "desc" }, { id: "asc" }], take: SIDEBAR_PROJECT_LIMIT, select: { id: true, name: true } },
      _count: { select: { projects: true } },
    },
  });
  return { projects: team?.projects ?? [], total: team?._count.projects ?? 0 };
});

/**
 * Everything the sidebar shows: the user's teams (for the switcher, with their role) and the current
 * team's recent projects with its total for the "All projects (N)" link; a team the user isn't in lists
 * none. `current` (the page's project) is listed even when it is older. Bounded, because the sidebar is
 * in every render below a team, server-action responses included.
 */
export async function sidebarNavigation(userId: string, teamId: string, current?: { id: string; name: string }) {
  const [teams, recent] = await Promise.all([listUserTeams(userId), recentTeamProjects(teamId)]);
  const member = teams.some((team) => team.id === teamId);
  const projects = member ? recent.projects : [];
  const listed = !current || projects.some((project) => project.id === current.id);
  return { teams, projects: listed ? projects : [...projects, { id: current.id, name: current.name }], total: member ? recent.total : 0 };
}
