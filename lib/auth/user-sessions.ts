import "server-only";
import { randomBytes } from "node:crypto";
import { db, type Db, type DbTransaction } from "@/lib/db";
import { perRequest } from "@/lib/http/request-memo";
import { bumpSessionVersion } from "@/lib/auth/session-version";
import { describeError, log } from "@/lib/log";

// A session cookie is a JWT we can't recall; the row it names is what we can. Signing out, revoking it
// from Account, "sign out of all sessions" and a password change delete rows; a cookie whose row is gone
// or past expiresAt is signed out on every route and is never renewed (lib/auth/auth-options.ts).

/** The absolute lifetime: a session ends this long after sign-in however active it is. */
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** The idle lifetime: the cookie (renewed while the dashboard is in use) expires after a week unused. */
export const SESSION_IDLE_SECONDS = 7 * 24 * 60 * 60;
/** lastSeenAt is written at most this often per session, so a page view rarely writes. */
const LAST_SEEN_PRECISION_MS = 60 * 1000;
const USER_AGENT_MAX = 512;

export type LiveSession = { id: string; user: { id: string; email: string; name: string; sessionVersion: number } };

/** Records a sign-in; the returned id goes into the session cookie. */
export async function startSession(userId: string, client: { ip: string; userAgent: string }, now = Date.now()): Promise<string> {
  const id = randomBytes(18).toString("base64url");
  await db.userSession.create({
    data: { id, userId, createdAt: new Date(now), lastSeenAt: new Date(now), expiresAt: new Date(now + SESSION_LIFETIME_MS), ip: client.ip, userAgent: client.userAgent.slice(0, USER_AGENT_MAX) },
    select: { id: true },
  });
  return id;
}

async function loadLiveSession(sessionId: string, now: number): Promise<LiveSession | null> {
  const session = await db.userSession.findUnique({
    where: { id: sessionId },
    select: { id: true, expiresAt: true, lastSeenAt: true, user: { select: { id: true, email: true, name: true, sessionVersion: true } } },
  });
  if (!session || session.expiresAt.getTime() <= now) return null;
  if (now - session.lastSeenAt.getTime() >= LAST_SEEN_PRECISION_MS) {
    // Not awaited: "last active" may lag a request, the page shouldn't wait for a write.
    db.userSession
      .updateMany({ where: { id: sessionId }, data: { lastSeenAt: new Date(now) } })
      .catch((error: unknown) => log("warn", "could not record a session's last activity", { error: describeError(error) }));
  }
  return { id: session.id, user: session.user };
}

const liveSessionThisRequest = perRequest((sessionId: string) => loadLiveSession(sessionId, Date.now()));

/**
 * The session a cookie names with its user, or null once it ended. Once per request: next-auth's jwt
 * callback and currentUser() both ask, and share the one query. Throws when the database can't answer.
 */
export async function findLiveSession(sessionId: unknown, now?: number): Promise<LiveSession | null> {
  if (typeof sessionId !== "string" || sessionId === "") return null;
  return now === undefined ? liveSessionThisRequest(sessionId) : loadLiveSession(sessionId, now);
}

/** Sign-out: this one session ends everywhere. */
export async function endSession(sessionId: unknown): Promise<void> {
  if (typeof sessionId === "string") await db.userSession.deleteMany({ where: { id: sessionId } });
}

/**
 * Every session of the user ("sign out of all sessions", a password change). The version bump also
 * voids the password confirmation those sessions held (lib/auth/reauth-token.ts is bound to it).
 */
export async function endEverySession(client: DbTransaction | Db, userId: string): Promise<void> {
  await client.userSession.deleteMany({ where: { userId } });
  await bumpSessionVersion(client, userId);
}
