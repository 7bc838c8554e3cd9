import Link from "next/link";
import { auditActionLabel } from "@/lib/audit/audit-actions";
import type { AuditLogEvent } from "@/lib/audit/audit-log-page";
import { WrapAtSeparators } from "@/components/audit/wrap-at-separators";

const LONG_VALUE = 32;

/** "grace: 24h · secretFingerprint: …": long values are cut short, whole in their tooltip. */
function DetailsText({ details }: { details: string }) {
  let entries: [string, string][];
  try {
    entries = Object.entries(JSON.parse(details) as Record<string, unknown>).map(([key, value]) => [key, String(value)]);
  } catch {
    entries = [["", details]];
  }
  return entries.map(([key, value], index) => (
    <span key={key || index}>
      {index > 0 && " · "}
      <span className="whitespace-nowrap">{key && `${key}: `}</span>
      {value.length > LONG_VALUE ? <span title={value}>{value.slice(0, LONG_VALUE - 1)}…</span> : <WrapAtSeparators text={value} />}
    </span>
  ));
}

function ProjectCell({ project, projectId }: { project: AuditLogEvent["project"]; projectId: string | null }) {
  if (!projectId) return <span className="text-muted">–</span>;
  if (!project) return <code className="text-xs">{projectId}</code>;
  if (project.deleted) return <span>{project.name} <span className="text-muted">(deleted)</span></span>;
  return <Link href={`/projects/${project.id}/settings/audit-log`} className="text-link underline-offset-2 hover:underline">{project.name}</Link>;
}

/**
 * The events as a real table (row headers are the times), so the mobile layout can restack it; each cell
 * carries its column name in data-label for that. The project column is the team log's only.
 */
export function AuditEventsTable({ events, showProject }: { events: AuditLogEvent[]; showProject: boolean }) {
  const columns = ["Time (UTC)", "Action", "Actor", ...(showProject ? ["Project"] : []), "IP", "Details"];
  return (
    // Focusable so keyboard users can scroll it sideways when the columns outgrow a narrow screen.
    <div tabIndex={0} role="region" aria-label="Audit events, scrollable" className="overflow-x-auto rounded-md border border-border bg-surface">
      <table className="w-full text-left text-sm" aria-label="Audit events">
        <thead>
          <tr className="border-b border-border text-muted">
            {columns.map((column) => <th key={column} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">{column}</th>)}
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const iso = event.createdAt.toISOString();
            return (
              <tr key={event.id} className="border-b border-border-subtle align-top">
                <th scope="row" data-label="Time (UTC)" className="px-3 py-2 font-normal">
                  <time dateTime={iso}><span className="whitespace-nowrap">{iso.slice(0, 10)}</span> <span className="whitespace-nowrap">{iso.slice(11, 19)}</span></time>
                </th>
                <td data-label="Action" className="min-w-36 px-3 py-2">
                  <span className="block font-medium">{auditActionLabel(event.action)}</span>
                  <code className="text-xs text-muted">{event.action}</code>
                </td>
                <td data-label="Actor" className="min-w-32 px-3 py-2"><WrapAtSeparators text={event.actorLabel} /></td>
                {showProject && <td data-label="Project" className="min-w-28 px-3 py-2 break-words"><ProjectCell project={event.project} projectId={event.projectId} /></td>}
                <td data-label="IP" className="px-3 py-2 whitespace-nowrap" title={event.userAgent ?? undefined}>{event.ip ?? "–"}</td>
                <td data-label="Details" className="min-w-40 px-3 py-2 text-muted"><DetailsText details={event.details} /></td>
              </tr>
            );
          })}
          {events.length === 0 && (
            <tr><td colSpan={columns.length} className="px-3 py-6 text-center text-muted">No events match.</td></tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
