import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { E2E_DIR } from "./helpers";

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
  const rows = db.prepare("SELECT action, actorLabel, ip, userAgent, details FROM AuditEvent").all() as Record<string, string | null>[];
  db.close();
  for (const row of rows) {
    const text = Object.values(row).join(" ");
    if (SECRET_LIKE.test(text) || TOKEN_LIKE.test(text)) throw new Error(`audit event ${row.action} contains a secret or token`);
  }
  console.log(`Leak scan: server.log (${log.length} bytes) and ${rows.length} audit events hold no secret or token`);
}
