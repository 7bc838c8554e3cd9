import "server-only";
import { db } from "@/lib/db";
import { serverConfig } from "@/lib/config/server-config";
import { hashPassword } from "@/lib/auth/password";
import { passwordWeakness } from "@/lib/auth/password-policy";
import { generateLinkToken, hashLinkToken, isLinkTokenShape } from "@/lib/auth/link-token";
import { endEverySession } from "@/lib/auth/user-sessions";
import { recordAccountEvent } from "@/lib/account/account-audit";
import { createRateLimiter, formatRetryAfter } from "@/lib/http/rate-limit";
import { smtpTransport } from "@/lib/mail/smtp";
import { normalizeEmail } from "@/lib/validation/email-address";
import { UserFacingError } from "@/lib/result";
import { log } from "@/lib/log";

export const RESET_LINK_LIFETIME_MS = 30 * 60 * 1000;
/** The one answer to every request, whether or not the address has an account. */
export const RESET_REQUESTED = "If an account uses that address, we've emailed it a link to choose a new password. The link works once, for 30 minutes.";
export const RESET_LINK_INVALID = "This link can't reset a password: it was already used, it expired (links last 30 minutes), or it was copied incompletely. Ask for a new one.";
export const NO_OUTGOING_MAIL = "This Reqio server can't send email, so it can't send reset links. Ask the person who runs it to set your password.";

const requestsPerIp = createRateLimiter({ keyPrefix: "password-reset:ip", points: 10, durationSeconds: 60 * 60 });
// Per address: nobody can flood someone's inbox. Over the limit, the answer stays the same and nothing is sent.
const requestsPerEmail = createRateLimiter({ keyPrefix: "password-reset:email", points: 3, durationSeconds: 60 * 60 });

/** Whether this deployment can email reset links (SMTP_URL); the pages say so plainly when it can't. */
export function canEmailResetLinks(): boolean {
  return smtpTransport() !== null;
}

function resetEmail(email: string, link: string, expiresAt: Date) {
  return {
    subject: "Reset your Reqio password",
    text: [
      `Someone asked to reset the password of the Reqio account ${email}. If it was you, choose a new one here:`,
      "",
      link,
      "",
      `The link works once, until ${expiresAt.toUTCString()}. Using it signs out every session of the account.`,
      "If it wasn't you, ignore this email: your password stays as it is.",
    ].join("\n"),
  };
}

/**
 * Emails a reset link if the address has an account. Answers the same either way (the caller shows
 * RESET_REQUESTED), and the email is sent after answering, so the time taken doesn't tell either.
 */
export async function requestPasswordReset(input: { email: string; ip: string }, now = Date.now()): Promise<void> {
  const transport = smtpTransport();
  if (!transport) throw new UserFacingError(NO_OUTGOING_MAIL);
  const byIp = await requestsPerIp.consume(input.ip);
  if (!byIp.allowed) throw new UserFacingError(`Too many reset requests from your network. Try again in ${formatRetryAfter(byIp.retryAfterSeconds)}.`);
  const email = normalizeEmail(input.email);
  if (!(await requestsPerEmail.consume(email)).allowed) return;
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (!user) return;
  const { token, tokenHash } = generateLinkToken();
  const expiresAt = new Date(now + RESET_LINK_LIFETIME_MS);
  await db.passwordReset.create({ data: { tokenHash, userId: user.id, createdAt: new Date(now), expiresAt }, select: { id: true } });
  const link = `${serverConfig().appUrl}/reset-password/${token}`;
  // The message holds the link, a credential: a failure is logged without it.
  transport.send({ to: user.email, ...resetEmail(user.email, link, expiresAt) }).catch((error: unknown) =>
    log("warn", "password reset email failed", { error: error instanceof Error ? error.name : "unknown" }),
  );
}

async function liveReset(token: string, now: number) {
  if (!isLinkTokenShape(token)) return null;
  const reset = await db.passwordReset.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: { id: true, userId: true, expiresAt: true, usedAt: true, user: { select: { email: true } } },
  });
  return reset && !reset.usedAt && reset.expiresAt.getTime() > now ? reset : null;
}

/** For the reset page: whether to show the form or say the link is spent. */
export async function isResetLinkLive(token: string, now = Date.now()): Promise<boolean> {
  return (await liveReset(token, now)) !== null;
}

/**
 * Sets the new password through a live link: once (a second use, or every other link of the account,
 * is then refused), and every session of the account ends, since whoever had it may not be its owner.
 */
export async function resetPassword(input: { token: string; newPassword: string; ip: string; userAgent: string }, now = Date.now()): Promise<void> {
  const reset = await liveReset(input.token, now);
  if (!reset) throw new UserFacingError(RESET_LINK_INVALID);
  const weakness = passwordWeakness(input.newPassword, reset.user.email);
  if (weakness) throw new UserFacingError(weakness, { field: "newPassword" });
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    const { count } = await tx.passwordReset.updateMany({ where: { id: reset.id, usedAt: null }, data: { usedAt: new Date(now) } });
    if (count === 0) throw new UserFacingError(RESET_LINK_INVALID); // used a moment ago, by another request
    await tx.passwordReset.updateMany({ where: { userId: reset.userId, usedAt: null }, data: { usedAt: new Date(now) } });
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash }, select: { id: true } });
    await endEverySession(tx, reset.userId);
    await recordAccountEvent(tx, { id: reset.userId, email: reset.user.email, ip: input.ip, userAgent: input.userAgent }, "password.reset");
  });
}
