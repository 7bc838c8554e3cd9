import { currentUser } from "@/lib/auth/session";
import { authorizeProject, authorizeTeam } from "@/lib/authz/access";
import { parseAuditFilter } from "@/lib/audit/audit-filter";
import { allAuditEvents } from "@/lib/audit/audit-query";
import { AUDIT_CSV_HEADER, auditCsvRow } from "@/lib/audit/audit-csv";

/** GET ?teamId=…[&projectId=…][&action&project&actor&from&to&debugger=hide]: the filtered audit log as CSV, streamed. */
export async function GET(request: Request) {
  const user = await currentUser();
  if (!user) return new Response("Sign in to export the audit log.\n", { status: 401 });
  const searchParams = new URL(request.url).searchParams;
  const teamId = searchParams.get("teamId") ?? "";
  const projectId = searchParams.get("projectId") ?? undefined;
  const access = projectId ? await authorizeProject(user.id, projectId, "audit:view") : await authorizeTeam(user.id, teamId, "audit:view");
  // Another team's log, a member without the permission, or a mismatched pair: all the same "not found".
  if (!access.ok || access.team.id !== teamId) return new Response("Not found.\n", { status: 404 });
  // Checked before the stream starts: once its 200 and headers are sent, a bad filter could only cut the download off.
  const { filter, errors } = parseAuditFilter(searchParams, { scope: projectId ? "project" : "team", debuggerRunsByDefault: "show" });
  if (Object.keys(errors).length > 0) {
    const message = Object.entries(errors).map(([field, text]) => `${field}: ${text}`).join(" ");
    return Response.json({ ok: false, error: { code: "invalid_filter", message, fields: errors } }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
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
