import "server-only";
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";
import { db } from "@/lib/db";
import { serverConfig } from "@/lib/config/server-config";
import { open, seal } from "@/lib/crypto/secret-box";
import { totpSecretContext } from "@/lib/crypto/totp-secret-context";
import { UserFacingError } from "@/lib/result";
import { replaceRecoveryCodes } from "@/lib/auth/second-factor/recovery-codes";
import { dropRecoveryCodesIfNoSecondFactor } from "@/lib/auth/second-factor/user-factors";

// RFC 6238 with the parameters every authenticator app supports: SHA-1, 6 digits, 30 s steps.
const PERIOD = 30;
const DIGITS = 6;
/** One step either side: a phone clock a little off, or a code typed as it changed. */
const WINDOW = 1;

export const ALREADY_ENROLLED = "An authenticator app is already set up. Remove it first to set up another.";
export const NO_ENROLMENT = "Start setting up the authenticator app again: this setup is no longer pending.";
export const WRONG_CODE = "That code isn't right. Enter the 6-digit code your authenticator app shows now.";

export { totpSecretContext };

function totpFor(secretBase32: string, email: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: "Reqio", label: email, algorithm: "SHA1", digits: DIGITS, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secretBase32) });
}

export function isTotpCodeShape(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s/g, ""));
}

/**
 * The step `code` belongs to, if it is right for `secret` within one step of now; else null. The caller
 * accepts it only past the last step used, so a code works once (RFC 6238 section 5.2).
 */
function matchingStep(secretBase32: string, code: string, now: number): number | null {
  const token = code.replace(/\s/g, "");
  if (!isTotpCodeShape(token)) return null;
  const delta = OTPAuth.TOTP.validate({ token, secret: OTPAuth.Secret.fromBase32(secretBase32), algorithm: "SHA1", digits: DIGITS, period: PERIOD, timestamp: now, window: WINDOW });
  return delta === null ? null : OTPAuth.TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
}

const openSecret = (userId: string, sealed: string) => open(sealed, totpSecretContext(userId), serverConfig().encryptionKeys);

export type TotpEnrolment = { uri: string; secret: string; qrSvg: string };

/** A new secret, pending until a code from the app confirms it; starting again replaces a pending one. */
export async function startTotpEnrolment(user: { id: string; email: string }): Promise<TotpEnrolment> {
  const existing = await db.totpFactor.findUnique({ where: { userId: user.id }, select: { confirmedAt: true } });
  if (existing?.confirmedAt) throw new UserFacingError(ALREADY_ENROLLED);
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const [key] = serverConfig().encryptionKeys;
  const sealedSecret = seal(secret, totpSecretContext(user.id), key!);
  await db.totpFactor.upsert({ where: { userId: user.id }, create: { userId: user.id, sealedSecret }, update: { sealedSecret, lastUsedStep: 0 } });
  const uri = totpFor(secret, user.email).toString();
  // Rendered here, as SVG: the secret never goes to a QR service or into a client-side library.
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { uri, secret, qrSvg };
}

/**
 * Confirms the pending secret with a code from the app. Returns the recovery codes to show once (a fresh
 * set when this is the user's first second factor; null when they already have codes from a passkey).
 */
export async function confirmTotpEnrolment(userId: string, code: string, now = Date.now()): Promise<string[] | null> {
  const pending = await db.totpFactor.findUnique({ where: { userId }, select: { sealedSecret: true, confirmedAt: true } });
  if (!pending || pending.confirmedAt) throw new UserFacingError(NO_ENROLMENT);
  const step = matchingStep(openSecret(userId, pending.sealedSecret), code, now);
  if (step === null) throw new UserFacingError(WRONG_CODE, { field: "code" });
  return db.$transaction(async (tx) => {
    const { count } = await tx.totpFactor.updateMany({ where: { userId, confirmedAt: null, sealedSecret: pending.sealedSecret }, data: { confirmedAt: new Date(now), lastUsedStep: step } });
    if (count !== 1) throw new UserFacingError(NO_ENROLMENT);
    const unused = await tx.recoveryCode.count({ where: { userId, usedAt: null } });
    return unused > 0 ? null : replaceRecoveryCodes(tx, userId);
  });
}

/** Whether `code` is the user's current TOTP code, not used before; spends its step (one conditional update). */
export async function spendTotpCode(userId: string, code: string, now = Date.now()): Promise<boolean> {
  const factor = await db.totpFactor.findUnique({ where: { userId }, select: { sealedSecret: true, confirmedAt: true, lastUsedStep: true } });
  if (!factor?.confirmedAt) return false;
  const step = matchingStep(openSecret(userId, factor.sealedSecret), code, now);
  if (step === null || step <= factor.lastUsedStep) return false;
  const { count } = await db.totpFactor.updateMany({ where: { userId, lastUsedStep: { lt: step } }, data: { lastUsedStep: step } });
  return count === 1;
}

export async function removeTotp(userId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.totpFactor.deleteMany({ where: { userId } });
    await dropRecoveryCodesIfNoSecondFactor(tx, userId);
    return count > 0;
  });
}

export async function totpStatus(userId: string): Promise<{ enrolled: boolean; since: Date | null }> {
  const factor = await db.totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true } });
  return { enrolled: !!factor?.confirmedAt, since: factor?.confirmedAt ?? null };
}
