// GET /api/health for an identify-only process (the dashboard's own route answers it otherwise).
import type { ServerResponse } from "node:http";
import { checkHealth } from "@/lib/health/health-check";

export async function handleHealth(response: ServerResponse): Promise<void> {
  const report = await checkHealth();
  response.writeHead(report.ok ? 200 : 503, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
  response.end(JSON.stringify(report));
}
