import Link from "next/link";
import { AUDIT_ACTIONS } from "@/lib/audit/audit-actions";
import { auditFilterQuery, type AuditFilter } from "@/lib/audit/audit-filter";
import { buttonClasses } from "@/components/ui/button";

type Event = { id: string; createdAt: Date; action: string; actorLabel: string; ip: string | null; userAgent: string | null; projectId: string | null; details: string };

function describeDetails(details: string): string {
  try {
    const parsed = JSON.parse(details) as Record<string, unknown>;
    return Object.entries(parsed).map(([key, value]) => `${key}: ${String(value)}`).join(" · ");
  } catch {
    return details;
  }
}

const input = "min-h-9 rounded-md border border-border-input bg-surface px-2 py-1.5 text-sm";

/** Filters (a plain GET form, so links are shareable), the events, pagination and CSV export. */
export function AuditLogView({ basePath, exportHref, filter, errors, events, total, pages, actors }: {
  basePath: string;
  exportHref: string;
  filter: AuditFilter;
  errors: string[];
  events: Event[];
  total: number;
  pages: number;
  actors: string[];
}) {
  const pageLink = (page: number) => {
    const query = auditFilterQuery(filter, { page });
    return query ? `${basePath}?${query}` : basePath;
  };
  return (
    <div className="flex flex-col gap-4">
      <form method="get" action={basePath} className="grid gap-3 sm:grid-cols-5 sm:items-end">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Action</span>
          <select name="action" defaultValue={filter.action ?? ""} className={input}>
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((action) => <option key={action} value={action}>{action}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Actor</span>
          <input name="actor" list="audit-actors" defaultValue={filter.actor ?? ""} placeholder="email" className={input} />
          <datalist id="audit-actors">{actors.map((actor) => <option key={actor} value={actor} />)}</datalist>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">From</span>
          <input type="date" name="from" defaultValue={filter.from?.toISOString().slice(0, 10) ?? ""} className={input} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">To</span>
          <input type="date" name="to" defaultValue={filter.to?.toISOString().slice(0, 10) ?? ""} className={input} />
        </label>
        <div className="flex gap-2">
          <button type="submit" className={buttonClasses("primary")}>Filter</button>
          <Link href={basePath} className={buttonClasses("ghost")}>Clear</Link>
        </div>
      </form>
      {errors.length > 0 && <p role="alert" className="text-sm text-danger">{errors.join(" ")} That filter was left out.</p>}
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted">
        <span>{total} {total === 1 ? "event" : "events"}</span>
        <a href={exportHref} className={buttonClasses("secondary")} download>Export CSV</a>
      </div>
      <div className="overflow-x-auto rounded-md border border-border bg-surface">
        <table className="w-full text-left text-sm" aria-label="Audit events">
          <thead>
            <tr className="border-b border-border text-muted">
              {["Time (UTC)", "Action", "Actor", "IP", "Details"].map((h) => <th key={h} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">{h}</th>)}
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id} className="border-b border-border-subtle align-top">
                <td className="px-3 py-2 whitespace-nowrap"><time dateTime={event.createdAt.toISOString()}>{event.createdAt.toISOString().replace("T", " ").slice(0, 19)}</time></td>
                <td className="px-3 py-2"><code>{event.action}</code></td>
                <td className="px-3 py-2 break-all">{event.actorLabel}</td>
                <td className="px-3 py-2 whitespace-nowrap" title={event.userAgent ?? undefined}>{event.ip ?? "–"}</td>
                <td className="px-3 py-2 break-all text-muted">{describeDetails(event.details)}</td>
              </tr>
            ))}
            {events.length === 0 && (
              <tr><td colSpan={5} className="px-3 py-6 text-center text-muted">No events match.</td></tr>
            )}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav aria-label="Pagination" className="flex items-center justify-between text-sm">
          {filter.page > 1 ? <Link href={pageLink(filter.page - 1)} className={buttonClasses("secondary")}>Newer</Link> : <span />}
          <span>Page {filter.page} of {pages}</span>
          {filter.page < pages ? <Link href={pageLink(filter.page + 1)} className={buttonClasses("secondary")}>Older</Link> : <span />}
        </nav>
      )}
    </div>
  );
}
