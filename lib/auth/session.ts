import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/auth-options";
import { requestContext } from "@/lib/http/request-context";
import { perRequest } from "@/lib/http/request-memo";
import { sessionVersionMatches } from "@/lib/auth/session-version";
import { findLiveSession } from "@/lib/auth/user-sessions";
import type { Actor } from "@/lib/audit/audit-log";

export type SessionUser = { id: string; email: string; name: string; /** This sign-in's UserSession row. */ sessionId: string };

/**
 * The signed-in user, re-read with their session (one query, shared with next-auth's jwt callback) so
 * signing out, a revoked or expired session, a deleted account, "sign out of all sessions" or a password
 * change stop the cookie at its next request. Once per request: the layouts and the page of one render
 * share it; an action's wrapper forgets it after the handler, so an ended session is seen at once.
 */
export const currentUser = perRequest(async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const userId = session?.user?.id;
  if (!userId) return null;
  const live = await findLiveSession(session.user?.sessionId);
  if (!live || live.user.id !== userId || !sessionVersionMatches(session.user?.sessionVersion, live.user.sessionVersion)) return null;
  return { id: live.user.id, email: live.user.email, name: live.user.name, sessionId: live.id };
});

/** For pages: anonymous visitors go to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return user;
}

export async function actorFor(user: SessionUser): Promise<Actor> {
  const { ip, userAgent } = await requestContext();
  return { id: user.id, email: user.email, ip, userAgent };
}
