import "server-only";
import { serverConfig } from "@/lib/config/server-config";
import { ConfigError } from "@/lib/config/errors";
import { startExpirySweep } from "@/lib/identity/expiry-sweep";

const SWEEP_EVERY_MS = 30_000;

/** Validates configuration (exit 1 with what to set, no stack trace) and starts the grace-period sweep. */
export function bootServer(): void {
  try {
    serverConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Reqio cannot start: ${error.message}`);
    process.exit(1);
  }
  startExpirySweep(SWEEP_EVERY_MS);
}
