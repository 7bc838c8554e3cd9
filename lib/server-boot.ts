import "server-only";
import { serverConfig } from "@/lib/config/server-config";
import { ConfigError } from "@/lib/config/errors";

const SWEEP_EVERY_MS = 30_000;

/** Validates configuration (exit 1 with what to set, no stack trace) and starts the grace-period sweep. */
export async function bootServer(): Promise<void> {
  try {
    serverConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Reqio cannot start: ${error.message}`);
    process.exit(1);
  }
  // Imported only now: the sweep's import chain opens the database, which needs the validated config.
  const { startExpirySweep } = await import("@/lib/identity/expiry-sweep");
  startExpirySweep(SWEEP_EVERY_MS);
}
