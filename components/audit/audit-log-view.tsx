import Link from "next/link";
import { auditFilterQuery, type AuditFilter, type AuditLogScope, type ParsedAuditFilter } from "@/lib/audit/audit-filter";
import type { AuditLogListing } from "@/lib/audit/audit-log-page";
import type { AuditProject } from "@/lib/audit/audit-query";
import { buttonClasses } from "@/components/ui/button";
import { AuditFilterForm } from "@/components/audit/audit-filter-form";
import { AuditEventsTable } from "@/components/audit/audit-events-table";

function href(basePath: string, filter: AuditFilter, overrides: Parameters<typeof auditFilterQuery>[1]): string {
  const query = auditFilterQuery(filter, overrides);
  return query ? `${basePath}?${query}` : basePath;
}

/** Debugger runs are hidden until asked for, with their count, so nothing is left out silently. */
function DebuggerRunsToggle({ basePath, filter, hidden }: { basePath: string; filter: AuditFilter; hidden: number }) {
  if (filter.action) return null;
  if (filter.debuggerRuns === "show") return <Link href={href(basePath, filter, { page: 1, debuggerRuns: "hide" })} className={buttonClasses("ghost")}>Hide debugger runs</Link>;
  if (hidden === 0) return null;
  return <Link href={href(basePath, filter, { page: 1, debuggerRuns: "show" })} className={buttonClasses("ghost")}>Show debugger runs ({hidden})</Link>;
}

/** Filters, the events, pagination and CSV export; with bad filters, only the form and what to fix. */
export function AuditLogView({ basePath, scope, parsed, actors, projects, listing }: {
  basePath: string;
  scope: AuditLogScope;
  parsed: ParsedAuditFilter;
  actors: string[];
  projects: AuditProject[];
  listing: AuditLogListing | null;
}) {
  const { filter } = parsed;
  return (
    <div className="flex flex-col gap-4">
      {/* Keyed by the filters: after a client-side navigation (Clear, a toggle) the fields show the new ones, not the old. */}
      <AuditFilterForm key={JSON.stringify(parsed.input)} basePath={basePath} scope={scope} parsed={parsed} actors={actors} projects={projects} />
      {listing === null ? (
        <p className="rounded-md border border-danger-border bg-danger-subtle px-3 py-2 text-sm text-danger">Fix the filter above to see events.</p>
      ) : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted">
            <div className="flex flex-wrap items-center gap-2">
              <span>{listing.total} {listing.total === 1 ? "event" : "events"}</span>
              <DebuggerRunsToggle basePath={basePath} filter={filter} hidden={listing.hiddenDebuggerRuns} />
            </div>
            <a href={listing.exportHref} className={buttonClasses("secondary")} download>Export CSV</a>
          </div>
          <AuditEventsTable events={listing.events} showProject={scope === "team"} />
          {listing.pages > 1 && (
            <nav aria-label="Pagination" className="flex items-center justify-between text-sm">
              {listing.page > 1 ? <Link href={href(basePath, filter, { page: listing.page - 1 })} className={buttonClasses("secondary")}>Newer</Link> : <span />}
              <span>Page {listing.page} of {listing.pages}</span>
              {listing.page < listing.pages ? <Link href={href(basePath, filter, { page: listing.page + 1 })} className={buttonClasses("secondary")}>Older</Link> : <span />}
            </nav>
          )}
        </>
      )}
    </div>
  );
}
