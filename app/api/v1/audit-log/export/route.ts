import { currentUser } from "@/lib/auth/session";
import { authorizeProject, authorizeTeam } from "@/lib/auth/access";
import { parseAuditFilter } from "@/lib/audit/audit-filter";
import { allAuditEvents } from "@/lib/audit/audit-query";
import { AUDIT_CSV_HEADER, auditCsvRow } from "@/lib/audit/audit-csv";

/** GET ?teamId=…[&projectId=…][&action&actor&from&to]: the filtered audit log as CSV, streamed. */
export async function GET(request: Request) {
  const user = await currentUser();
  if (!user) return new Response("Sign in to export the audit log.\n", { status: 401 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const teamId = params.teamId ?? "";
  const projectId = params.projectId;
  const access = projectId ? await authorizeProject(user.id, projectId, "audit:view") : await authorizeTeam(user.id, teamId, "audit:view");
  // Another team's log, a member without the permission, or a mismatched pair: all the same "not found".
  if (!access.ok || access.team.id !== teamId) return new Response("Not found.\n", { status: 404 });
  const { filter } = parseAuditFilter(params);
  const events = allAuditEvents({ teamId, ...(projectId ? { projectId } : {}) }, filter);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(AUDIT_CSV_HEADER.join(",") + "\r\n"));
      for await (const event of events) controller.enqueue(encoder.encode(auditCsvRow(event)));
      controller.close();
    },
  });
  const name = projectId ? `reqio-audit-${projectId}.csv` : `reqio-audit-${teamId}.csv`;
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" },
  });
}
