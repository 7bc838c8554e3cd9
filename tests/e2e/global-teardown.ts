import fs from "node:fs";
import path from "node:path";
import { E2E_DIR, e2eDatabaseUrl, NEW_PASSWORD, PASSWORD } from "./helpers";
import { openRawSql } from "../helpers/raw-sql";
import { auditCsvRow } from "../../lib/audit/audit-csv";

const SECRET_LIKE = /rqio_sk_(dev_)?[0-9A-Za-z]{20,}/; // production and development secrets
const TOKEN_LIKE = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{20,}/;
/** next-auth's session cookie is a JWE (header..iv.ciphertext.tag). */
const SESSION_COOKIE_LIKE = /eyJ[\w-]{8,}\.\.[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/;
/** Any of our cookies by name: a logged Cookie or Set-Cookie header. */
const COOKIE_HEADER_LIKE = /(next-auth\.(session-token|csrf-token|callback-url)|reqio_reauth)\s*=/i;
/** Every password the suite types, right or wrong. */
const PASSWORDS = [PASSWORD, NEW_PASSWORD, "not-my-password", "not-the-password", "whatever-password", "super-secret-password-1", "password123"];

/** After the whole suite, whatever the tests revealed and sent: no secret or token in the server log or the audit table. */
export default async function scanForLeaks() {
  // Every log the suite's servers wrote: instance A (and B, appended by two-instances.spec.ts), migrations.
  const log = ["server.log", "migrate.log"]
    .map((file) => path.join(E2E_DIR, file))
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.readFileSync(file, "utf8"))
    .join("\n");
  const patterns = [["secret", SECRET_LIKE], ["token", TOKEN_LIKE], ["session cookie", SESSION_COOKIE_LIKE], ["cookie header", COOKIE_HEADER_LIKE]] as const;
  for (const [name, pattern] of patterns) {
    const hit = log.match(pattern);
    if (hit) throw new Error(`the server log contains a ${name}-like string at offset ${hit.index}`);
  }
  for (const password of PASSWORDS) if (log.includes(password)) throw new Error("the server log contains a password the suite typed");
  // The structured request log is there to scan: one JSON line per request, with its request id.
  const requestLines = log.split("\n").filter((line) => {
    try {
      const entry = JSON.parse(line) as { message?: string; requestId?: string; route?: string; status?: number; durationMs?: number };
      return entry.message === "request" && /^[A-Za-z0-9_-]{8,64}$/.test(entry.requestId ?? "") && typeof entry.status === "number" && typeof entry.durationMs === "number";
    } catch {
      return false;
    }
  }).length;
  if (requestLines === 0) throw new Error("expected the structured request log (one JSON line per request) in server.log; found none");
  const db = openRawSql(e2eDatabaseUrl(), { readonly: true });
  type Row = { createdAt: number | string | Date; action: string; actorLabel: string; ip: string | null; userAgent: string | null; projectId: string | null; details: string };
  const rows = await db.all<Row>(`SELECT "createdAt", "action", "actorLabel", "ip", "userAgent", "projectId", "details" FROM "AuditEvent"`);
  await db.close();
  // The CSV export is these rows through auditCsvRow: scanning its output covers the export too.
  const csv = rows.map((row) => auditCsvRow({ ...row, createdAt: new Date(row.createdAt) })).join("");
  for (const [name, text] of [["audit table", rows.map((row) => Object.values(row).join(" ")).join("\n")], ["audit CSV", csv]] as const) {
    if (SECRET_LIKE.test(text) || TOKEN_LIKE.test(text)) throw new Error(`the ${name} contains a secret or token`);
  }
  console.log(
    `Leak scan: server logs (${log.length} bytes, ${requestLines} JSON request lines), ${rows.length} audit events and their CSV ` +
      `hold no secret, token, password or cookie`,
  );
}
