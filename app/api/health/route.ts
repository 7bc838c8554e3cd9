import { checkHealth } from "@/lib/health/health-check";

/** GET /api/health: 200 when the database answers and every migration is applied, else 503. Public. */
export async function GET() {
  const report = await checkHealth();
  return Response.json(report, { status: report.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
