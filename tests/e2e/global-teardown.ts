import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { E2E_DIR } from "./helpers";
import { auditCsvRow } from "../../lib/audit/audit-csv";

const SECRET_LIKE = /rqio_sk_[0-9A-Za-z]{20,}/;
const TOKEN_LIKE = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{20,}/;

/** After the whole suite, whatever the tests revealed and sent: no secret or token in the server log or the audit table. */
export default function scanForLeaks() {
  const log = fs.readFileSync(path.join(E2E_DIR, "server.log"), "utf8");
  for (const [name, pattern] of [["secret", SECRET_LIKE], ["token", TOKEN_LIKE]] as const) {
    const hit = log.match(pattern);
    if (hit) throw new Error(`server.log contains a ${name}-like string at offset ${hit.index}`);
  }
  const db = new Database(path.join(E2E_DIR, "reqio.db"), { readonly: true });
  type Row = { createdAt: number | string; action: string; actorLabel: string; ip: string | null; userAgent: string | null; projectId: string | null; details: string };
  const rows = db.prepare("SELECT createdAt, action, actorLabel, ip, userAgent, projectId, details FROM AuditEvent").all() as Row[];
  db.close();
  // The CSV export is these rows through auditCsvRow: scanning its output covers the export too.
  const csv = rows.map((row) => auditCsvRow({ ...row, createdAt: new Date(row.createdAt) })).join("");
  for (const [name, text] of [["audit table", rows.map((row) => Object.values(row).join(" ")).join("\n")], ["audit CSV", csv]] as const) {
    if (SECRET_LIKE.test(text) || TOKEN_LIKE.test(text)) throw new Error(`the ${name} contains a secret or token`);
  }
  console.log(`Leak scan: server.log (${log.length} bytes), ${rows.length} audit events and their CSV hold no secret or token`);
}
