import "server-only";
import type { DbTransaction, Db } from "@/lib/db";

/**
 * Sessions are JWTs we can't recall, so each carries the user's sessionVersion from sign-in and
 * currentUser() compares it with the database on every request. Bumping the number ends every
 * session of that user at their very next request.
 *
 * Bumped for: "sign out of all sessions" and a password change. Not for removal from a team or a
 * lower role: those are re-read from the membership on every request already, and bumping would
 * also sign the user out of their other teams.
 */
export async function bumpSessionVersion(client: DbTransaction | Db, userId: string): Promise<number> {
  const user = await client.user.update({
    where: { id: userId },
    data: { sessionVersion: { increment: 1 } },
    select: { sessionVersion: true },
  });
  return user.sessionVersion;
}

/** Tokens minted before versions existed carry none; they count as version 0. */
export function sessionVersionMatches(tokenVersion: unknown, current: number): boolean {
  return (typeof tokenVersion === "number" ? tokenVersion : 0) === current;
}
