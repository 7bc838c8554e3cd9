// Child-process app instance for the master-key tests: runs the checks bootServer() runs before serving (the
// configuration, then the database and its stored secrets; the rest of boot only slows this down), then checks
// each "<userId>:<code>" argument through spendTotpCode, as a step-up does. Prints "booted", then a JSON array of booleans.
import { ConfigError } from "@/lib/config/errors";
import { serverConfig } from "@/lib/config/server-config";

try {
  serverConfig();
  const { checkDatabaseReady } = await import("@/lib/health/startup-check");
  await checkDatabaseReady();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Reqio cannot start: ${error.message}`);
  process.exit(1);
}
console.log("booted");
const { spendTotpCode } = await import("@/lib/auth/second-factor/totp");
const { db } = await import("@/lib/db");
const results: boolean[] = [];
for (const argument of process.argv.slice(2)) {
  const [userId, code] = argument.split(":") as [string, string];
  results.push(await spendTotpCode(userId, code));
}
console.log(JSON.stringify(results));
await db.$disconnect();
