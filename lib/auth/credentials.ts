import "server-only";
import { db } from "@/lib/db";
import { hashPassword, timingDummyHash, verifyPassword } from "@/lib/auth/password";
import { passwordWeakness } from "@/lib/auth/password-policy";
import { createRateLimiter, formatRetryAfter, limitFromEnv } from "@/lib/http/rate-limit";
import { UserFacingError } from "@/lib/result";
import { normalizeEmail } from "@/lib/validation/email-address";
import { firstTeamName } from "@/lib/teams/team-name";

export const WRONG_CREDENTIALS = "Wrong email or password.";

// Per email: slows guessing one account from many IPs. Per IP: slows one client trying many accounts.
const signInPerEmail = createRateLimiter({ keyPrefix: "sign-in:email", points: 10, durationSeconds: 15 * 60 });
const signInPerIp = createRateLimiter({ keyPrefix: "sign-in:ip", points: limitFromEnv("REQIO_SIGNIN_LIMIT_PER_IP", 50), durationSeconds: 15 * 60 });
const signUpPerIp = createRateLimiter({ keyPrefix: "sign-up:ip", points: limitFromEnv("REQIO_SIGNUP_LIMIT_PER_IP", 20), durationSeconds: 60 * 60 });

/** Checks a sign-in; throws UserFacingError with the message the form shows. */
export async function authenticateWithPassword(input: { email: string; password: string; ip: string }) {
  const email = normalizeEmail(input.email);
  for (const verdict of [await signInPerIp.consume(input.ip), await signInPerEmail.consume(email)]) {
    if (!verdict.allowed) {
      throw new UserFacingError(`Too many sign-in attempts. Try again in ${formatRetryAfter(verdict.retryAfterSeconds)}.`);
    }
  }
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, sessionVersion: true },
  });
  const passwordMatches = await verifyPassword(input.password, user?.passwordHash ?? (await timingDummyHash()));
  if (!user || !passwordMatches) throw new UserFacingError(WRONG_CREDENTIALS);
  await signInPerEmail.reset(email);
  // The version goes into the JWT at sign-in; lib/auth/session.ts refuses the token once it changes.
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

export const EMAIL_TAKEN = "An account with this email already exists. Sign in instead.";

/** What every sign-up checks first, whether or not the address is taken: the per-IP budget and the password policy. Returns the address as stored. */
export async function checkSignUp(input: { email: string; password: string; ip: string }): Promise<string> {
  const verdict = await signUpPerIp.consume(input.ip);
  if (!verdict.allowed) {
    throw new UserFacingError(`Too many sign-ups from your network. Try again in ${formatRetryAfter(verdict.retryAfterSeconds)}.`);
  }
  const email = normalizeEmail(input.email);
  const weakness = passwordWeakness(input.password, email);
  if (weakness) throw new UserFacingError(weakness, { field: "password" });
  return email;
}

/** Creates the user, their first team, and makes them its owner, in one transaction; null when the address is taken. */
export async function createAccount(input: { name: string; email: string; passwordHash: string }) {
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash: input.passwordHash }, select: { id: true, email: true } });
      const team = await tx.team.create({ data: { name: firstTeamName(input.name) }, select: { id: true } });
      await tx.membership.create({ data: { userId: user.id, teamId: team.id, role: "owner" } });
      return { userId: user.id, email: user.email, teamId: team.id };
    });
  } catch (error) {
    // The unique index decides, also between two sign-ups with one address at once.
    if ((error as { code?: string }).code === "P2002") return null;
    throw error;
  }
}

/** Sign-up on a server that can't send mail: nobody can be told privately, so a taken address is refused. */
export async function registerUser(input: { name: string; email: string; password: string; ip: string }) {
  const email = await checkSignUp(input);
  const taken = () => new UserFacingError(EMAIL_TAKEN, { field: "email" });
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) throw taken();
  const created = await createAccount({ name: input.name, email, passwordHash: await hashPassword(input.password) });
  if (!created) throw taken();
  return created;
}
