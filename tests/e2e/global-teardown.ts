import fs from "node:fs";
import path from "node:path";
import { E2E_DIR } from "./helpers";

// After the whole suite: the server's log must not hold a secret, whatever the tests revealed.
export default function scanServerLog() {
  const log = fs.readFileSync(path.join(E2E_DIR, "server.log"), "utf8");
  const leak = log.match(/rqio_sk_[0-9A-Za-z]{20,}/);
  if (leak) throw new Error(`server.log contains a secret-like string at offset ${leak.index}`);
  console.log(`server.log scanned (${log.length} bytes): no secret found`);
}
