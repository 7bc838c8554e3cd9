import { currentUser } from "@/lib/auth/session";
import { stackSnippetsResponse } from "@/lib/identity/identity-page-data";

/**
 * One stack's files, highlighted, for the Identity page's picker: the page renders only the chosen
 * stack and fetches another when picked. Session cookie only; no secret is ever in these files.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ projectId: string; stackId: string }> }) {
  const user = await currentUser();
  const { projectId, stackId } = await params;
  const { status, body } = await stackSnippetsResponse(user?.id ?? null, projectId, stackId);
  return Response.json(body, { status, headers: { "Cache-Control": "private, no-store" } });
}
