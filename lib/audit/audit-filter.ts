import { AUDIT_ACTION_INFO, auditActionsFor, isAuditAction, type AuditAction } from "@/lib/audit/audit-actions";
import { parseCalendarDay } from "@/lib/audit/calendar-day";

/** Which log: the whole team's, or one project's (which holds only project-scoped actions). */
export type AuditLogScope = "team" | "project";
export type DebuggerRuns = "show" | "hide";
export type AuditFilter = { action?: AuditAction; actor?: string; project?: string; from?: Date; to?: Date; debuggerRuns: DebuggerRuns; page: number };
export type AuditFilterField = "action" | "project" | "actor" | "from" | "to" | "debugger";
export type AuditFilterErrors = Partial<Record<AuditFilterField, string>>;
export type AuditFilterParams = URLSearchParams | Record<string, string | string[] | undefined>;

export type ParsedAuditFilter = {
  /** The valid filters; use it only when `errors` is empty. */
  filter: AuditFilter;
  /** One message per bad field: any of them makes the request a 400. */
  errors: AuditFilterErrors;
  /** The values as they came, to show them back beside their message. */
  input: Partial<Record<AuditFilterField, string>>;
  /** False for page=0, page=abc, page=-1: the page then redirects to the first one. */
  pageIsValid: boolean;
};

const FIELDS: AuditFilterField[] = ["action", "project", "actor", "from", "to", "debugger"];
const PROJECT_ID = /^prj_[0-9A-Za-z]{22}$/;
const ACTOR_MAX = 254;

function firstValues(params: AuditFilterParams): Record<string, string | undefined> {
  if (params instanceof URLSearchParams) return Object.fromEntries([...params.keys()].map((key) => [key, params.get(key) ?? undefined]));
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
}

function parsePage(raw: string | undefined): { page: number; pageIsValid: boolean } {
  if (raw === undefined) return { page: 1, pageIsValid: true };
  if (!/^\d+$/.test(raw) || Number(raw) < 1) return { page: 1, pageIsValid: false };
  return { page: Math.min(Number(raw), Number.MAX_SAFE_INTEGER), pageIsValid: true };
}

/**
 * Reads an audit log's filters from its query string. Nothing is silently dropped: a bad value gets a
 * message naming the field and why, so the page and the CSV export can refuse it with a 400.
 */
export function parseAuditFilter(params: AuditFilterParams, options: { scope: AuditLogScope; debuggerRunsByDefault: DebuggerRuns }): ParsedAuditFilter {
  const raw = firstValues(params);
  const input: ParsedAuditFilter["input"] = {};
  for (const field of FIELDS) if (raw[field]) input[field] = raw[field];
  const errors: AuditFilterErrors = {};
  const { page, pageIsValid } = parsePage(raw.page);
  const filter: AuditFilter = { debuggerRuns: options.debuggerRunsByDefault, page };

  if (input.action !== undefined) {
    if (!isAuditAction(input.action)) errors.action = `"${input.action.slice(0, 40)}" is not an audit action: pick one from the list.`;
    else if (!auditActionsFor(options.scope).includes(input.action)) {
      errors.action = `"${AUDIT_ACTION_INFO[input.action].label}" is recorded for the team, not a project: see the team's audit log.`;
    } else filter.action = input.action;
  }
  if (options.scope === "team" && input.project !== undefined) {
    if (PROJECT_ID.test(input.project)) filter.project = input.project;
    else errors.project = "That is not a project of this team: pick one from the list.";
  }
  const actor = input.actor?.trim();
  if (actor && actor.length > ACTOR_MAX) errors.actor = `At most ${ACTOR_MAX} characters: an e-mail address or part of one.`;
  else if (actor) filter.actor = actor;
  for (const field of ["from", "to"] as const) {
    if (input[field] === undefined) continue;
    const day = parseCalendarDay(input[field]);
    if ("error" in day) errors[field] = day.error;
    else filter[field] = field === "from" ? day.start : day.end;
  }
  if (filter.from && filter.to && filter.from > filter.to) {
    errors.to = `The end date (${input.to}) is before the start date (${input.from}).`;
  }
  if (input.debugger !== undefined) {
    if (input.debugger === "show" || input.debugger === "hide") filter.debuggerRuns = input.debugger;
    else errors.debugger = `Debugger runs: use "show" or "hide", not "${input.debugger.slice(0, 20)}".`;
  }
  return { filter, errors, input, pageIsValid };
}

/** The audit-log pages hide debugger runs until asked (they are routine and would drown everything else). */
export function parseAuditPageFilter(params: AuditFilterParams, scope: AuditLogScope): ParsedAuditFilter {
  return parseAuditFilter(params, { scope, debuggerRunsByDefault: "hide" });
}

/** Which audit-log page a path is, so the proxy can check its filters before the page starts streaming. */
function auditLogPageScope(pathname: string): AuditLogScope | null {
  if (/^\/teams\/[^/]+\/audit-log\/?$/.test(pathname)) return "team";
  if (/^\/projects\/[^/]+\/settings\/audit-log\/?$/.test(pathname)) return "project";
  return null;
}

/** True for an audit-log page whose filters don't parse: its response is then a 400 (the page still renders, showing why). */
export function hasBadAuditLogFilter(pathname: string, searchParams: URLSearchParams): boolean {
  const scope = auditLogPageScope(pathname);
  return scope !== null && Object.keys(parseAuditPageFilter(searchParams, scope).errors).length > 0;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The same filters as a page's query string, for pagination and toggle links (debugger runs hidden is the default). */
export function auditFilterQuery(filter: AuditFilter, overrides: Partial<Pick<AuditFilter, "page" | "debuggerRuns">> = {}): string {
  const query = new URLSearchParams();
  if (filter.action) query.set("action", filter.action);
  if (filter.project) query.set("project", filter.project);
  if (filter.actor) query.set("actor", filter.actor);
  if (filter.from) query.set("from", day(filter.from));
  if (filter.to) query.set("to", day(filter.to));
  if ((overrides.debuggerRuns ?? filter.debuggerRuns) === "show") query.set("debugger", "show");
  const page = overrides.page ?? filter.page;
  if (page > 1) query.set("page", String(page));
  return query.toString();
}

/** The CSV of exactly what the page lists; the export itself includes debugger runs unless told to hide them. */
export function auditExportHref(scope: { teamId: string; projectId?: string }, filter: AuditFilter): string {
  const query = new URLSearchParams({ teamId: scope.teamId, ...(scope.projectId ? { projectId: scope.projectId } : {}) });
  for (const [key, value] of new URLSearchParams(auditFilterQuery(filter, { page: 1 }))) query.set(key, value);
  if (filter.debuggerRuns === "hide") query.set("debugger", "hide");
  return `/api/v1/audit-log/export?${query}`;
}
