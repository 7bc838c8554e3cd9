import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/audit/audit-log";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordWeakness } from "@/lib/auth/password-policy";
import { createRateLimiter, formatRetryAfter } from "@/lib/http/rate-limit";
import { endEverySession } from "@/lib/auth/user-sessions";
import { recordAccountEvent } from "@/lib/account/account-audit";
import { UserFacingError } from "@/lib/result";

export const WRONG_CURRENT_PASSWORD = "That isn't your current password.";
export const SAME_PASSWORD = "Choose a password different from your current one.";

// A stolen session shouldn't be a way to guess the password at full speed.
const attemptsPerUser = createRateLimiter({ keyPrefix: "password-change:user", points: 10, durationSeconds: 15 * 60 });

/** Verifies the current password, stores the new hash and ends every session (the form signs this browser in again). */
export async function changePassword(input: { actor: Actor; currentPassword: string; newPassword: string }): Promise<void> {
  const verdict = await attemptsPerUser.consume(input.actor.id);
  if (!verdict.allowed) {
    throw new UserFacingError(`Too many attempts. Try again in ${formatRetryAfter(verdict.retryAfterSeconds)}.`);
  }
  const user = await db.user.findUniqueOrThrow({
    where: { id: input.actor.id },
    select: { email: true, passwordHash: true },
  });
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new UserFacingError(WRONG_CURRENT_PASSWORD, { field: "currentPassword" });
  }
  const weakness = passwordWeakness(input.newPassword, user.email);
  if (weakness) throw new UserFacingError(weakness, { field: "newPassword" });
  if (input.newPassword === input.currentPassword) throw new UserFacingError(SAME_PASSWORD, { field: "newPassword" });
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    // Only if the hash we verified is still the stored one: two changes at once can't both apply.
    const { count } = await tx.user.updateMany({
      where: { id: input.actor.id, passwordHash: user.passwordHash },
      data: { passwordHash },
    });
    if (count === 0) throw new UserFacingError("Your password was just changed elsewhere. Sign in again.");
    await endEverySession(tx, input.actor.id);
    await recordAccountEvent(tx, input.actor, "password.changed");
  });
  await attemptsPerUser.reset(input.actor.id);
}
