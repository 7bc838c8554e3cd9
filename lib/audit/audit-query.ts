import "server-only";
import { db } from "@/lib/db";
import { auditFilterQuery, parseAuditFilter, type AuditFilter } from "@/lib/audit/audit-filter";

export const AUDIT_PAGE_SIZE = 25;

export type AuditScope = { teamId: string; projectId?: string };

function whereFor(scope: AuditScope, filter: AuditFilter) {
  return {
    teamId: scope.teamId,
    ...(scope.projectId ? { projectId: scope.projectId } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.actor ? { actorLabel: { contains: filter.actor.toLowerCase() } } : {}),
    ...(filter.from || filter.to ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) } } : {}),
  };
}

const EVENT_FIELDS = { id: true, createdAt: true, action: true, actorLabel: true, ip: true, userAgent: true, projectId: true, details: true } as const;

export async function listAuditEvents(scope: AuditScope, filter: AuditFilter) {
  const where = whereFor(scope, filter);
  const [total, events] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: EVENT_FIELDS,
    }),
  ]);
  return { events, total, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

/** Every matching event, newest first, in batches so a large export never loads it all at once. */
export async function* allAuditEvents(scope: AuditScope, filter: AuditFilter, batchSize = 500) {
  const where = whereFor(scope, filter);
  for (let skip = 0; ; skip += batchSize) {
    const batch = await db.auditEvent.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip, take: batchSize, select: EVENT_FIELDS });
    yield* batch;
    if (batch.length < batchSize) return;
  }
}

export async function distinctAuditActors(scope: AuditScope): Promise<string[]> {
  const rows = await db.auditEvent.findMany({ where: whereFor(scope, { page: 1 }), distinct: ["actorLabel"], select: { actorLabel: true }, take: 200 });
  return rows.map((row) => row.actorLabel).sort();
}

/** Everything an audit-log page shows, from its scope and query string. */
export async function loadAuditLog(scope: AuditScope, params: Record<string, string | string[] | undefined>) {
  const { filter, errors } = parseAuditFilter(params);
  const [{ events, total, pages }, actors] = await Promise.all([listAuditEvents(scope, filter), distinctAuditActors(scope)]);
  const query = auditFilterQuery({ ...filter, page: 1 });
  const exportHref = `/api/v1/audit-log/export?teamId=${scope.teamId}${scope.projectId ? `&projectId=${scope.projectId}` : ""}${query ? `&${query}` : ""}`;
  return { filter, errors, events, total, pages, actors, exportHref };
}
