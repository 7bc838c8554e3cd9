import "server-only";
import { db } from "@/lib/db";
import { TOKEN_DEBUGGER_ACTION } from "@/lib/audit/audit-actions";
import type { AuditFilter } from "@/lib/audit/audit-filter";

export const AUDIT_PAGE_SIZE = 25;

export type AuditScope = { teamId: string; projectId?: string };

function whereFor(scope: AuditScope, filter: Omit<AuditFilter, "page">) {
  const projectId = scope.projectId ?? filter.project;
  const action = filter.action ?? (filter.debuggerRuns === "hide" ? { not: TOKEN_DEBUGGER_ACTION } : undefined);
  return {
    teamId: scope.teamId,
    ...(projectId ? { projectId } : {}),
    ...(action ? { action } : {}),
    ...(filter.actor ? { actorLabel: { contains: filter.actor.toLowerCase() } } : {}),
    ...(filter.from || filter.to ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) } } : {}),
  };
}

const EVENT_FIELDS = { id: true, createdAt: true, action: true, actorLabel: true, ip: true, userAgent: true, projectId: true, details: true } as const;
const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];

export async function countAuditEvents(scope: AuditScope, filter: AuditFilter) {
  return db.auditEvent.count({ where: whereFor(scope, filter) });
}

/** How many debugger runs the hidden-by-default filter leaves out (0 when the filter names an action). */
export async function countHiddenDebuggerRuns(scope: AuditScope, filter: AuditFilter) {
  if (filter.action || filter.debuggerRuns === "show") return 0;
  return db.auditEvent.count({ where: whereFor(scope, { ...filter, action: TOKEN_DEBUGGER_ACTION }) });
}

export async function listAuditEvents(scope: AuditScope, filter: AuditFilter) {
  return db.auditEvent.findMany({
    where: whereFor(scope, filter),
    orderBy: NEWEST_FIRST,
    skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
    select: EVENT_FIELDS,
  });
}

/** Every matching event, newest first, in batches so a large export never loads it all at once. */
export async function* allAuditEvents(scope: AuditScope, filter: AuditFilter, batchSize = 500) {
  const where = whereFor(scope, filter);
  for (let skip = 0; ; skip += batchSize) {
    const batch = await db.auditEvent.findMany({ where, orderBy: NEWEST_FIRST, skip, take: batchSize, select: EVENT_FIELDS });
    yield* batch;
    if (batch.length < batchSize) return;
  }
}

export async function distinctAuditActors(scope: AuditScope): Promise<string[]> {
  const rows = await db.auditEvent.findMany({ where: whereFor(scope, { debuggerRuns: "show" }), distinct: ["actorLabel"], select: { actorLabel: true }, take: 200 });
  return rows.map((row) => row.actorLabel).sort();
}

export type AuditProject = { id: string; name: string; deleted: boolean };

/** The team's projects by ID, deleted ones too (named from their project.deleted event), for the project column and filter. */
export async function auditProjects(teamId: string): Promise<AuditProject[]> {
  const [live, deletions] = await Promise.all([
    db.project.findMany({ where: { teamId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.auditEvent.findMany({ where: { teamId, action: "project.deleted" }, select: { projectId: true, details: true } }),
  ]);
  const deleted = deletions.flatMap(({ projectId, details }): AuditProject[] => {
    if (!projectId || live.some((project) => project.id === projectId)) return [];
    const name = (JSON.parse(details) as { name?: unknown }).name;
    return [{ id: projectId, name: typeof name === "string" ? name : projectId, deleted: true }];
  });
  return [...live.map((project) => ({ ...project, deleted: false })), ...deleted.sort((a, b) => a.name.localeCompare(b.name))];
}
