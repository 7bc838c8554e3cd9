import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/audit/audit-log";
import { UserFacingError } from "@/lib/result";
import { recordAccountEvent } from "@/lib/account/account-audit";
import { confirmTotpEnrolment, removeTotp, totpStatus } from "@/lib/auth/second-factor/totp";
import { replaceRecoveryCodes, unusedRecoveryCodeCount } from "@/lib/auth/second-factor/recovery-codes";
import { hasSecondFactor, strongestFactor } from "@/lib/auth/second-factor/user-factors";

// Adding and removing sign-in factors, each written to every team's audit log of the person (like a password change).

/** Finishes setting up the authenticator app; returns recovery codes to show once when it is the first second factor. */
export async function finishTotpSetup(actor: Actor, code: string): Promise<string[] | null> {
  const codes = await confirmTotpEnrolment(actor.id, code);
  await recordAccountEvent(db, actor, "second_factor.added", { factor: "totp" });
  return codes;
}

export async function removeAuthenticatorApp(actor: Actor): Promise<void> {
  if (!(await removeTotp(actor.id))) throw new UserFacingError("No authenticator app is set up on your account.");
  await recordAccountEvent(db, actor, "second_factor.removed", { factor: "totp" });
}

/** A fresh set of recovery codes; every earlier code stops working. Only for an account with a second factor. */
export async function newRecoveryCodes(actor: Actor): Promise<string[]> {
  if (!(await hasSecondFactor(actor.id))) throw new UserFacingError("Recovery codes stand in for a second factor: add a passkey or an authenticator app first.");
  const codes = await db.$transaction((tx) => replaceRecoveryCodes(tx, actor.id));
  await recordAccountEvent(db, actor, "recovery_codes.replaced");
  return codes;
}

export type SecondFactorSummary = { strongest: Awaited<ReturnType<typeof strongestFactor>>; totp: { enrolled: boolean; since: Date | null }; recoveryCodesLeft: number };

export async function secondFactorSummary(userId: string): Promise<SecondFactorSummary> {
  const [strongest, totp, recoveryCodesLeft] = await Promise.all([strongestFactor(userId), totpStatus(userId), unusedRecoveryCodeCount(userId)]);
  return { strongest, totp, recoveryCodesLeft };
}
