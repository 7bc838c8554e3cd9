import { auditActionLabel } from "@/lib/audit/audit-actions";

type CsvEvent = { createdAt: Date; action: string; actorLabel: string; ip: string | null; userAgent: string | null; projectId: string | null; details: string };

/** Columns only ever get appended, so spreadsheets and scripts reading by position keep working. */
export const AUDIT_CSV_HEADER = ["time", "action", "actor", "ip", "user_agent", "project_id", "details", "action_label"];

/** RFC 4180 quoting, plus a leading ' on cells a spreadsheet would run as a formula (CSV injection). */
export function csvCell(value: string | null): string {
  let text = value ?? "";
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditCsvRow(event: CsvEvent): string {
  const cells = [event.createdAt.toISOString(), event.action, event.actorLabel, event.ip, event.userAgent, event.projectId, event.details, auditActionLabel(event.action)];
  return cells.map(csvCell).join(",") + "\r\n";
}
