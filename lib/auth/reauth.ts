import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { db } from "@/lib/db";
import { serverConfig } from "@/lib/config/server-config";
import { verifyPassword } from "@/lib/auth/password";
import { createRateLimiter, formatRetryAfter } from "@/lib/auth/rate-limit";
import { UserFacingError } from "@/lib/result";

/** ASVS 7.5.3: sensitive actions need the password confirmed within this window. */
export const REAUTH_WINDOW_MS = 5 * 60 * 1000;
export const REAUTH_REQUIRED = "reauth_required";
const COOKIE = "reqio_reauth";

const wrongPasswordLimiter = createRateLimiter({ keyPrefix: "reauth:user", points: 5, durationSeconds: 15 * 60 });

function sign(payload: string): string {
  return createHmac("sha256", serverConfig().authSecret).update(`reauth:${payload}`).digest("base64url");
}

/** Cookie value: userId.sessionVersion.confirmedAtMs.signature — bound to the user and session version. */
export function reauthToken(userId: string, sessionVersion: number, confirmedAt: number): string {
  const payload = `${userId}.${sessionVersion}.${confirmedAt}`;
  return `${payload}.${sign(payload)}`;
}

export function isRecentReauth(token: string | undefined, userId: string, sessionVersion: number, now: number): boolean {
  if (!token) return false;
  const parts = token.split(".");
  if (parts.length !== 4) return false;
  const [id, version, at, signature] = parts as [string, string, string, string];
  const expected = Buffer.from(sign(`${id}.${version}.${at}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
  const confirmedAt = Number(at);
  return id === userId && Number(version) === sessionVersion && confirmedAt <= now && now - confirmedAt < REAUTH_WINDOW_MS;
}

export async function hasRecentReauth(userId: string, now = Date.now()): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  if (!user) return false;
  return isRecentReauth((await cookies()).get(COOKIE)?.value, userId, user.sessionVersion, now);
}

/** Checks the password (rate-limited per user); on success sets a 5-minute, httpOnly, SameSite=Strict cookie. */
export async function confirmPassword(userId: string, password: string, now = Date.now()): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true, sessionVersion: true } });
  if (!user) return false;
  const limited = await wrongPasswordLimiter.consume(userId);
  if (!limited.allowed) {
    throw new UserFacingError(`Too many wrong passwords. Try again in ${formatRetryAfter(limited.retryAfterSeconds)}.`, { field: "password" });
  }
  if (!(await verifyPassword(password, user.passwordHash))) return false;
  await wrongPasswordLimiter.reset(userId);
  (await cookies()).set(COOKIE, reauthToken(userId, user.sessionVersion, now), {
    httpOnly: true,
    sameSite: "strict",
    secure: serverConfig().appUrl.startsWith("https://"),
    path: "/",
    maxAge: REAUTH_WINDOW_MS / 1000,
  });
  return true;
}
