import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { authOptions } from "@/lib/auth/auth-options";
import { requestContext } from "@/lib/http/request-context";
import { perRequest } from "@/lib/http/request-memo";
import { sessionVersionMatches } from "@/lib/auth/session-version";
import type { Actor } from "@/lib/audit/audit-log";

export type SessionUser = { id: string; email: string; name: string };

/**
 * The signed-in user, re-read from the database (one query) so a deleted account, "sign out of all
 * sessions" or a password change (both bump sessionVersion) stop the session at its next request.
 * Once per request: the dashboard layout, the project layout and the page of one render share that
 * query; an action's wrapper forgets it after the handler, so a bumped sessionVersion is seen at once.
 */
export const currentUser = perRequest(async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const userId = session?.user?.id;
  if (!userId) return null;
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, sessionVersion: true } });
  if (!user || !sessionVersionMatches(session.user?.sessionVersion, user.sessionVersion)) return null;
  return { id: user.id, email: user.email, name: user.name };
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
