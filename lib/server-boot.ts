import "server-only";
import { serverConfig } from "@/lib/config/server-config";
import { ConfigError } from "@/lib/config/errors";
import { describeError, log } from "@/lib/log";

const SWEEP_EVERY_MS = 30_000;

/**
 * Validates configuration and the database (exit 1 with what to do, no stack trace), gives every
 * project each environment it lacks, then starts the grace-period sweep.
 */
export async function bootServer(): Promise<void> {
  try {
    serverConfig();
    // Imported only now: this import chain opens the database, which needs the validated config.
    const { checkDatabaseReady } = await import("@/lib/health/startup-check");
    await checkDatabaseReady();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Reqio cannot start: ${error.message}`);
    process.exit(1);
  }
  // Projects from before environments get their Development environment (a fresh secret) before the first page asks for it.
  const { createMissingEnvironments } = await import("@/lib/identity/environment-store");
  const created = await createMissingEnvironments();
  if (created > 0) log("info", "created the environments projects were missing (a fresh secret each)", { created });
  // REQIO_REQUEST_LOG=off when the platform in front already logs every request.
  if (process.env.REQIO_REQUEST_LOG !== "off") (await import("@/lib/observability/request-log")).startRequestLog();
  const { startExpirySweep } = await import("@/lib/identity/expiry-sweep");
  startExpirySweep(SWEEP_EVERY_MS);
  const { warmSnippetHighlighting } = await import("@/lib/identity/identity-page-data");
  warmSnippetHighlighting().catch((error: unknown) => log("warn", "snippet highlighting could not be prepared at boot", { error: describeError(error) }));
}
