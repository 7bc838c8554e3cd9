import { currentUser } from "@/lib/auth/session";
import { liveStatusResponse } from "@/lib/identity/integration-status";
import { environmentFromParam } from "@/lib/identity/environments";

/**
 * The Identity page's live data (integration status and the previous secret's traffic), polled by the
 * open tab instead of re-rendering the whole page. Session cookie only; never stored by any cache.
 */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const user = await currentUser();
  const environment = environmentFromParam(new URL(request.url).searchParams.get("env") ?? undefined);
  const { status, body } = await liveStatusResponse(user?.id ?? null, (await params).projectId, environment);
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
