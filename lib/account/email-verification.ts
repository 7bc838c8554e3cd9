import "server-only";
import { db } from "@/lib/db";
import { serverConfig } from "@/lib/config/server-config";
import { generateLinkToken, hashLinkToken, isLinkTokenShape } from "@/lib/auth/link-token";
import { createRateLimiter, formatRetryAfter } from "@/lib/http/rate-limit";
import { smtpTransport } from "@/lib/mail/smtp";
import { UserFacingError } from "@/lib/result";
import { log } from "@/lib/log";

// Only a server that can send mail can prove an address. Without SMTP_URL (the embedded default) nothing
// is asked: whoever holds an invite link is trusted, and the Account and Members pages say so.

export const VERIFICATION_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const VERIFY_EMAIL_FIRST = "Verify your email address first: open the link we emailed you, or send a new one from Account.";
export const VERIFICATION_LINK_INVALID = "This link can't verify an address: it was already used, it expired (links last 24 hours), or it was copied incompletely. Send a new one from Account.";
export const ALREADY_VERIFIED = "Your email address is already verified.";

const resendsPerUser = createRateLimiter({ keyPrefix: "email-verification:user", points: 5, durationSeconds: 60 * 60 });

/** Whether this server asks users to verify their address (it can email them a link). */
export function emailVerificationRequired(): boolean {
  return smtpTransport() !== null;
}

/** Whether the user may do what needs a proven address: always, on a server that can't send mail. */
export function hasUsableEmail(user: { emailVerifiedAt: Date | null }): boolean {
  return user.emailVerifiedAt !== null || !emailVerificationRequired();
}

/** What the Account page says about the user's address. */
export async function emailVerificationStatus(userId: string): Promise<{ verified: boolean; canVerify: boolean }> {
  const { emailVerifiedAt } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { emailVerifiedAt: true } });
  return { verified: emailVerifiedAt !== null, canVerify: emailVerificationRequired() };
}

/** Emails a verification link (sent after answering; a failed send is logged without the link). No-op without SMTP. */
export async function sendVerificationEmail(user: { id: string; email: string }, now = Date.now()): Promise<void> {
  const transport = smtpTransport();
  if (!transport) return;
  const { token, tokenHash } = generateLinkToken();
  const expiresAt = new Date(now + VERIFICATION_LINK_LIFETIME_MS);
  await db.emailVerification.create({ data: { tokenHash, userId: user.id, email: user.email, createdAt: new Date(now), expiresAt }, select: { id: true } });
  const link = `${serverConfig().appUrl}/verify-email/${token}`;
  const text = [`Confirm that ${user.email} is your address on Reqio:`, "", link, "", `The link works once, until ${expiresAt.toUTCString()}. If you didn't sign up, ignore this email.`].join("\n");
  transport.send({ to: user.email, subject: "Verify your email address for Reqio", text }).catch((error: unknown) =>
    log("warn", "verification email failed", { error: error instanceof Error ? error.name : "unknown" }),
  );
}

/** Account's "Send a new link": rate-limited per user. */
export async function resendVerificationEmail(user: { id: string; email: string }): Promise<void> {
  const current = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { emailVerifiedAt: true } });
  if (current.emailVerifiedAt) throw new UserFacingError(ALREADY_VERIFIED);
  const verdict = await resendsPerUser.consume(user.id);
  if (!verdict.allowed) throw new UserFacingError(`Too many links sent. Try again in ${formatRetryAfter(verdict.retryAfterSeconds)}.`);
  await sendVerificationEmail(user);
}

/**
 * Marks the address verified through a live link, once. Only if it is still the account's address, so a
 * link can never vouch for an address the account no longer has.
 */
export async function verifyEmail(token: string, now = Date.now()): Promise<{ email: string }> {
  if (!isLinkTokenShape(token)) throw new UserFacingError(VERIFICATION_LINK_INVALID);
  return db.$transaction(async (tx) => {
    const link = await tx.emailVerification.findUnique({ where: { tokenHash: hashLinkToken(token) }, select: { id: true, userId: true, email: true, expiresAt: true, user: { select: { email: true } } } });
    if (!link || link.expiresAt.getTime() <= now || link.user.email !== link.email) throw new UserFacingError(VERIFICATION_LINK_INVALID);
    // Single use: only the first of two confirmations at once marks it used.
    const { count } = await tx.emailVerification.updateMany({ where: { id: link.id, usedAt: null }, data: { usedAt: new Date(now) } });
    if (count === 0) throw new UserFacingError(VERIFICATION_LINK_INVALID);
    await tx.user.update({ where: { id: link.userId }, data: { emailVerifiedAt: new Date(now) }, select: { id: true } });
    return { email: link.email };
  });
}
