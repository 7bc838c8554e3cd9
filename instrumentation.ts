// Validates configuration once when the server boots: a missing or malformed key stops it here,
// with a message naming what to set, instead of failing on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { serverConfig } = await import("@/lib/config/server-config");
  serverConfig();
}
