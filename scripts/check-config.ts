// Refuses to start with a clear message (no stack trace) when configuration is missing or malformed.
import { serverConfig } from "@/lib/config/server-config";
import { ConfigError } from "@/lib/config/errors";

try {
  const config = serverConfig();
  console.log(`Configuration OK: database ${config.database.filePath}, APP_URL ${config.appUrl}`);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Reqio cannot start: ${error.message}`);
  process.exit(1);
}
