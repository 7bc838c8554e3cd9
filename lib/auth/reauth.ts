import "server-only";
import { cookies } from "next/headers";
import { db } from "@/lib/db";
import { serverConfig } from "@/lib/config/server-config";
import { verifyPassword } from "@/lib/auth/password";
import { createRateLimiter, formatRetryAfter } from "@/lib/http/rate-limit";
import { UserFacingError } from "@/lib/result";
import { isRecentReauth, reauthToken, REAUTH_WINDOW_MS } from "@/lib/auth/reauth-token";

const COOKIE = "reqio_reauth";

const wrongPasswordLimiter = createRateLimiter({ keyPrefix: "reauth:user", points: 5, durationSeconds: 15 * 60 });

export async function hasRecentReauth(userId: string, now = Date.now()): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  if (!user) return false;
  return isRecentReauth(serverConfig().authSecret, (await cookies()).get(COOKIE)?.value, userId, user.sessionVersion, now);
}

/** Checks the password (rate-limited per user); on success it counts as confirmed for 5 minutes. */
export async function confirmPassword(userId: string, password: string, now = Date.now()): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true, sessionVersion: true } });
  if (!user) return false;
  const limited = await wrongPasswordLimiter.consume(userId);
  if (!limited.allowed) {
    throw new UserFacingError(`Too many wrong passwords. Try again in ${formatRetryAfter(limited.retryAfterSeconds)}.`, { field: "password" });
  }
  if (!(await verifyPassword(password, user.passwordHash))) return false;
  await wrongPasswordLimiter.reset(userId);
  await rememberPasswordProof(userId, user.sessionVersion, now);
  return true;
}

/**
 * The one record of "this user just proved their password": a signed cookie bound to the user and
 * session version. Set by confirmPassword and by the credentials sign-in (sign-up signs in through it).
 */
export async function rememberPasswordProof(userId: string, sessionVersion: number, now = Date.now()): Promise<void> {
  (await cookies()).set(COOKIE, reauthToken(serverConfig().authSecret, userId, sessionVersion, now), {
    httpOnly: true,
    sameSite: "strict",
    secure: serverConfig().appUrl.startsWith("https://"),
    path: "/",
    maxAge: REAUTH_WINDOW_MS / 1000,
  });
}
