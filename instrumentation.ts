// Runs once when the server boots; the Node-only work lives in lib/server-boot.ts.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await (await import("@/lib/server-boot")).bootServer();
}
