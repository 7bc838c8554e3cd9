import { z } from "zod";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/audit/audit-actions";

export type AuditFilter = { action?: AuditAction; actor?: string; from?: Date; to?: Date; page: number };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const FilterInput = z.object({
  action: z.enum(AUDIT_ACTIONS, { error: "Unknown action: pick one from the list." }).optional().catch(undefined),
  actor: z.string().trim().max(254).optional(),
  from: z.string().regex(DAY, "Use a date like 2026-11-24.").optional(),
  to: z.string().regex(DAY, "Use a date like 2026-11-24.").optional(),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** Reads filters from the query string; a bad value is reported and left out, never a crash. */
export function parseAuditFilter(params: Record<string, string | string[] | undefined>): { filter: AuditFilter; errors: string[] } {
  const flat = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value || undefined]));
  const errors: string[] = [];
  const parsed = FilterInput.safeParse(flat);
  const data = parsed.success ? parsed.data : { page: 1 };
  if (!parsed.success) for (const issue of parsed.error.issues) errors.push(`${String(issue.path[0])}: ${issue.message}`);
  const from = "from" in data && data.from ? new Date(`${data.from}T00:00:00.000Z`) : undefined;
  const to = "to" in data && data.to ? new Date(`${data.to}T23:59:59.999Z`) : undefined;
  if (from && to && from > to) errors.push("The start date is after the end date.");
  return {
    filter: {
      page: data.page,
      ...("action" in data && data.action ? { action: data.action } : {}),
      ...("actor" in data && data.actor ? { actor: data.actor } : {}),
      ...(from && !(to && from > to) ? { from } : {}),
      ...(to && !(from && from > to) ? { to } : {}),
    },
    errors,
  };
}

/** The same filters as a query string, for pagination and export links. */
export function auditFilterQuery(filter: AuditFilter, overrides: Partial<Record<"page", number>> = {}): string {
  const query = new URLSearchParams();
  if (filter.action) query.set("action", filter.action);
  if (filter.actor) query.set("actor", filter.actor);
  if (filter.from) query.set("from", filter.from.toISOString().slice(0, 10));
  if (filter.to) query.set("to", filter.to.toISOString().slice(0, 10));
  const page = overrides.page ?? filter.page;
  if (page > 1) query.set("page", String(page));
  return query.toString();
}
