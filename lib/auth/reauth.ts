import "server-only";
import { cookies } from "next/headers";
import { db } from "@/lib/db";
import { serverConfig } from "@/lib/config/server-config";
import { verifyPassword } from "@/lib/auth/password";
import { createRateLimiter, formatRetryAfter } from "@/lib/http/rate-limit";
import { UserFacingError } from "@/lib/result";
import { recentReauthProof, reauthToken, REAUTH_WINDOW_MS } from "@/lib/auth/reauth-token";
import { proofSatisfies, type Factor, type Proof } from "@/lib/auth/second-factor/factors";
import { strongestFactor } from "@/lib/auth/second-factor/user-factors";
import { spendTotpCode } from "@/lib/auth/second-factor/totp";
import { spendRecoveryCode } from "@/lib/auth/second-factor/recovery-codes";

const COOKIE = "reqio_reauth";

// Wrong passwords and wrong codes share one budget: a second factor must not add guesses to the first.
const wrongProofLimiter = createRateLimiter({ keyPrefix: "reauth:user", points: 5, durationSeconds: 15 * 60 });

export async function sessionVersionOf(userId: string): Promise<number | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? null;
}

/** Whether the user proved, in the last 5 minutes, the strongest factor they have (a recovery code counts as any). */
export async function hasRecentReauth(userId: string, now = Date.now()): Promise<boolean> {
  const version = await sessionVersionOf(userId);
  if (version === null) return false;
  const proof = recentReauthProof(serverConfig().authSecret, (await cookies()).get(COOKIE)?.value, userId, version, now);
  return proof !== null && proofSatisfies(proof, await strongestFactor(userId));
}

async function attempt(userId: string, check: () => Promise<boolean>, field: string): Promise<boolean> {
  const limited = await wrongProofLimiter.consume(userId);
  if (!limited.allowed) {
    throw new UserFacingError(`Too many wrong attempts. Try again in ${formatRetryAfter(limited.retryAfterSeconds)}.`, { field });
  }
  if (!(await check())) return false;
  await wrongProofLimiter.reset(userId);
  return true;
}

/** Checks the password (rate-limited per user); on success it counts as confirmed for 5 minutes. */
export async function confirmPassword(userId: string, password: string, now = Date.now()): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true, sessionVersion: true } });
  if (!user) return false;
  if (!(await attempt(userId, () => verifyPassword(password, user.passwordHash), "password"))) return false;
  await rememberReauthProof(userId, user.sessionVersion, "password", now);
  return true;
}

/**
 * Checks an authenticator-app code or, in its place, a recovery code (each works once; rate-limited with
 * the password). A passkey owner's TOTP code isn't tried: it wouldn't be the strongest factor. Returns
 * what it proved, or null when it was wrong.
 */
export async function confirmCode(userId: string, code: string, strongest: Factor, now = Date.now()): Promise<Proof | null> {
  const version = await sessionVersionOf(userId);
  if (version === null) return null;
  let proof: Proof | null = null;
  const right = await attempt(
    userId,
    async () => {
      if (strongest === "totp" && (await spendTotpCode(userId, code, now))) proof = "totp";
      else if (await spendRecoveryCode(userId, code, new Date(now))) proof = "recovery_code";
      return proof !== null;
    },
    "code",
  );
  if (!right || !proof) return null;
  await rememberReauthProof(userId, version, proof, now);
  return proof;
}

/**
 * The one record of "this user just proved a factor": a signed cookie bound to the user, the session
 * version and what was proved. Set by the confirmations here, the passkey check and the credentials
 * sign-in (sign-up signs in through it).
 */
export async function rememberReauthProof(userId: string, sessionVersion: number, proof: Proof, now = Date.now()): Promise<void> {
  (await cookies()).set(COOKIE, reauthToken(serverConfig().authSecret, userId, sessionVersion, now, proof), {
    httpOnly: true,
    sameSite: "strict",
    secure: serverConfig().appUrl.startsWith("https://"),
    path: "/",
    maxAge: REAUTH_WINDOW_MS / 1000,
  });
}
