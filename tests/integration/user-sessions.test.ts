// Server-side sessions: the row a cookie names decides whether it still signs anyone in, on the real
// database, through next-auth's real callbacks (only the request's headers are stubbed).
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { authOptions } from "@/lib/auth/auth-options";
import { endSession, findLiveSession, SESSION_LIFETIME_MS, startSession } from "@/lib/auth/user-sessions";
import { listSessions, revokeSession, SESSION_ALREADY_ENDED, signOutEverywhere } from "@/lib/account/sessions";
import { createTeamWithOwner, createUser } from "../helpers/fixtures";

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "vitest" }) }));

const CLIENT = { ip: "10.20.0.1", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0 Safari/537.36" };

/** What next-auth's session route does with a cookie: the jwt callback either renews it or throws (the cookie is then cleared). */
async function renew(token: { sub: string; sessionId?: string }) {
  return authOptions().callbacks!.jwt!({ token } as never);
}

describe("a session cookie and its row", () => {
  it("renews while its session lives, and is refused for renewal once it was signed out", async () => {
    const user = await createUser("renewal");
    const sessionId = await startSession(user.id, CLIENT);
    await expect(renew({ sub: user.id, sessionId })).resolves.toMatchObject({ sessionId });
    await authOptions().events!.signOut!({ token: { sub: user.id, sessionId } } as never);
    expect(await db.userSession.count({ where: { id: sessionId } })).toBe(0);
    await expect(renew({ sub: user.id, sessionId })).rejects.toThrow();
    // A cookie from before sessions were recorded, and one naming another user's session.
    await expect(renew({ sub: user.id })).rejects.toThrow();
    const other = await createUser("other");
    await expect(renew({ sub: other.id, sessionId: await startSession(user.id, CLIENT) })).rejects.toThrow();
  });

  it("ends 30 days after sign-in however active it is", async () => {
    const user = await createUser("lifetime");
    const start = Date.parse("2026-12-01T00:00:00Z");
    const sessionId = await startSession(user.id, CLIENT, start);
    expect(await findLiveSession(sessionId, start + SESSION_LIFETIME_MS - 1)).toMatchObject({ id: sessionId, user: { id: user.id } });
    expect(await findLiveSession(sessionId, start + SESSION_LIFETIME_MS)).toBeNull();
    expect(await listSessions(user.id, new Date(start + SESSION_LIFETIME_MS))).toEqual([]);
  });

  it("records activity at most once a minute", async () => {
    const user = await createUser("last-seen");
    const start = Date.parse("2026-12-01T00:00:00Z");
    const sessionId = await startSession(user.id, CLIENT, start);
    const lastSeen = async () => (await db.userSession.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt.getTime();
    await findLiveSession(sessionId, start + 61_000);
    // The write isn't awaited by the request: wait for it.
    await expect.poll(lastSeen).toBe(start + 61_000);
    await findLiveSession(sessionId, start + 120_000);
    // 59 s later: no write (one would be queued before this read on SQLite's single connection).
    expect(await lastSeen()).toBe(start + 61_000);
  });

  it("revoking one session ends only that one; another user's session ID is 'already ended' and left alive", async () => {
    const { user, actor } = await createTeamWithOwner("revoker");
    const laptop = await startSession(user.id, CLIENT);
    const phone = await startSession(user.id, { ip: "10.20.0.2", userAgent: "phone" });
    const stranger = await createUser("stranger");
    const strangers = await startSession(stranger.id, CLIENT);
    await revokeSession(actor, phone);
    expect((await listSessions(user.id)).map((session) => session.id)).toEqual([laptop]);
    await expect(revokeSession(actor, phone)).rejects.toThrow(SESSION_ALREADY_ENDED);
    await expect(revokeSession(actor, strangers)).rejects.toThrow(SESSION_ALREADY_ENDED);
    expect(await findLiveSession(strangers, Date.now())).not.toBeNull();
    expect(await db.auditEvent.count({ where: { actorId: user.id, action: "session.revoked" } })).toBe(1);
  });

  it("'sign out of all sessions' deletes every session of the user and nobody else's", async () => {
    const { user, actor } = await createTeamWithOwner("everywhere-rows");
    await startSession(user.id, CLIENT);
    await startSession(user.id, CLIENT);
    const stranger = await createUser("bystander");
    const strangers = await startSession(stranger.id, CLIENT);
    await signOutEverywhere(actor);
    expect(await listSessions(user.id)).toEqual([]);
    expect(await findLiveSession(strangers, Date.now())).not.toBeNull();
    await endSession(strangers);
    expect(await listSessions(stranger.id)).toEqual([]);
  });

  it("lists the sign-in's address and browser, most recently active first", async () => {
    const user = await createUser("listed");
    const start = Date.parse("2026-12-01T00:00:00Z");
    const older = await startSession(user.id, CLIENT, start);
    const newer = await startSession(user.id, { ip: "10.20.0.9", userAgent: "x".repeat(2000) }, start + 1000);
    const sessions = await listSessions(user.id, new Date(start + 2000));
    expect(sessions.map((session) => session.id)).toEqual([newer, older]);
    expect(sessions[1]).toMatchObject({ ip: CLIENT.ip, userAgent: CLIENT.userAgent, expiresAt: new Date(start + SESSION_LIFETIME_MS) });
    expect(sessions[0]!.userAgent).toHaveLength(512);
  });
});
