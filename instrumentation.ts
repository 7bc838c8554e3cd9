// Validates configuration once when the server boots: a missing or malformed key stops the process
// here with a message naming what to set (no stack trace), instead of failing on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { serverConfig } = await import("@/lib/config/server-config");
  const { ConfigError } = await import("@/lib/config/errors");
  try {
    serverConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Reqio cannot start: ${error.message}`);
    process.exit(1);
  }
}
