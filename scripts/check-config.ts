// Refuses to start with a clear message (no stack trace) when configuration is missing or malformed.
import { serverConfig } from "@/lib/config/server-config";
import { ConfigError } from "@/lib/config/errors";
import { describeDatabase } from "@/lib/config/database-url";

try {
  const config = serverConfig();
  console.log(`Configuration OK: database ${describeDatabase(config.database)}, APP_URL ${config.appUrl}`);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Reqio cannot start: ${error.message}`);
  process.exit(1);
}
