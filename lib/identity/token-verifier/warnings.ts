/**
 * Plausibility warnings: claims that verify but are probably not what the customer meant. They never
 * reject a token; the debugger lists them and the status panel counts the users they affect.
 */
import type { IdentifiedUser, TokenWarning } from "./types";

/** An amount under this many cents with a plan set is almost surely dollars (29 for $29.00). */
export const SUSPICIOUS_AMOUNT_CENTS = 100;

export function tokenWarnings(user: Pick<IdentifiedUser, "id" | "email" | "plan" | "amountCents">): TokenWarning[] {
  const warnings: TokenWarning[] = [];
  if (user.plan !== null && user.amountCents !== null && user.amountCents > 0 && user.amountCents < SUSPICIOUS_AMOUNT_CENTS) {
    warnings.push({
      id: "amount_under_one_dollar",
      message: `\`traits.amount\` is ${user.amountCents} cents ($${(user.amountCents / 100).toFixed(2)}) for plan ${JSON.stringify(user.plan)}: amounts are in cents, so $${user.amountCents}.00 is ${user.amountCents * 100}.`,
    });
  }
  if (user.email !== null && user.email.toLowerCase() === user.id.toLowerCase()) {
    warnings.push({
      id: "email_as_sub",
      message: "`sub` is the user's email address: use your stable user id instead, so a user who changes their email stays the same user.",
    });
  }
  return warnings;
}
