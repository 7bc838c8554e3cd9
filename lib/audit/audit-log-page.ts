import "server-only";
import { auditExportHref, auditFilterQuery, parseAuditPageFilter, type ParsedAuditFilter } from "@/lib/audit/audit-filter";
import {
  AUDIT_PAGE_SIZE,
  auditProjects,
  countAuditEvents,
  countHiddenDebuggerRuns,
  distinctAuditActors,
  listAuditEvents,
  type AuditProject,
  type AuditScope,
} from "@/lib/audit/audit-query";

export type AuditLogEvent = Awaited<ReturnType<typeof listAuditEvents>>[number] & { project: AuditProject | null };

export type AuditLogListing = { events: AuditLogEvent[]; total: number; page: number; pages: number; hiddenDebuggerRuns: number; exportHref: string };

export type AuditLogPage =
  | { redirectTo: string }
  | { redirectTo?: undefined; parsed: ParsedAuditFilter; actors: string[]; projects: AuditProject[]; listing: AuditLogListing | null };

function withQuery(basePath: string, query: string): string {
  return query ? `${basePath}?${query}` : basePath;
}

/**
 * Everything an audit-log page shows, from its scope and query string. Bad filters list nothing (the
 * proxy has already made the response a 400); a page past the last one, or not a number, redirects.
 */
export async function loadAuditLog(scope: AuditScope, basePath: string, params: Record<string, string | string[] | undefined>): Promise<AuditLogPage> {
  const parsed = parseAuditPageFilter(params, scope.projectId ? "project" : "team");
  const [actors, projects] = await Promise.all([distinctAuditActors(scope), scope.projectId ? [] : auditProjects(scope.teamId)]);
  if (Object.keys(parsed.errors).length > 0) return { parsed, actors, projects, listing: null };

  const { filter } = parsed;
  const [total, hiddenDebuggerRuns] = await Promise.all([countAuditEvents(scope, filter), countHiddenDebuggerRuns(scope, filter)]);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  // The count and the table must agree: never render "39 events" above an empty page 999.
  if (!parsed.pageIsValid || filter.page > pages) return { redirectTo: withQuery(basePath, auditFilterQuery(filter, { page: Math.min(filter.page, pages) })) };

  const byId = new Map(projects.map((project) => [project.id, project]));
  const events = (await listAuditEvents(scope, filter)).map((event) => ({ ...event, project: event.projectId ? byId.get(event.projectId) ?? null : null }));
  return { parsed, actors, projects, listing: { events, total, page: filter.page, pages, hiddenDebuggerRuns, exportHref: auditExportHref(scope, filter) } };
}
