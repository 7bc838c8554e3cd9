import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { authOptions } from "@/lib/auth/auth-options";
import { requestContext } from "@/lib/auth/request-context";
import { sessionVersionMatches } from "@/lib/auth/session-version";
import type { Actor } from "@/lib/audit/audit-log";

export type SessionUser = { id: string; email: string; name: string };

/**
 * The signed-in user, re-read from the database (one query) so a deleted account, "sign out of all
 * sessions" or a password change (both bump sessionVersion) stop the session at its next request.
 * React's per-request cache: the dashboard layout, the project layout and the page of one render share
 * that query. Outside a render (actions, route handlers) it runs on every call, so an action that
 * bumps sessionVersion is never answered from a stale copy.
 */
export const currentUser = cache(async function currentUser(): Promise<SessionUser | null> {
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
