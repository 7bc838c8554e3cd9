/**
 * The claim checks (everything after the signature), and the IdentifiedUser built from the same
 * readers once they all pass — one implementation shared by verify and the debugger.
 */
import { checkAudience } from "./audience-claim";
import type { ClaimCheckId } from "./checklist";
import { failWith, pass, readOk, skipped, type Read, type StepOutcome } from "./outcome";
import { checkExp, checkIat, checkLifetime, checkNbf, readTimeClaim, type ClaimInput } from "./time-claims";
import type { IdentifiedUser } from "./types";
import {
  monthlyRecurringCents,
  readAmount,
  readEmail,
  readInterval,
  readPlan,
  readReservedKeys,
  readSub,
  readTraits,
} from "./user-claims";

export type { ClaimInput } from "./time-claims";

function fromRead<T>(read: Read<T>, describe: (value: T) => string, hint?: (value: unknown) => string | undefined): StepOutcome {
  return read.ok ? pass(() => describe(read.value)) : failWith(read.failure, hint?.(read.failure));
}

/** Runs a check on one trait, or skips it when `traits` itself is unusable. */
function traitCheck<T>(
  claims: Record<string, unknown>,
  reader: (traits: Record<string, unknown>) => Read<T | null>,
  describe: (value: T) => string,
  hint?: (traits: Record<string, unknown>) => string,
): StepOutcome {
  const traits = readTraits(claims);
  if (!traits.ok) return skipped("Needs a valid `traits` object.");
  if (traits.value === null) return pass("Not set (no traits).");
  const read = reader(traits.value);
  if (!read.ok) return failWith(read.failure, hint?.(traits.value));
  const value = read.value;
  return pass(value === null ? "Not set (optional)." : () => describe(value));
}

function amountHint(traits: Record<string, unknown>): string {
  const amount = Object.hasOwn(traits, "amount") ? traits.amount : undefined;
  if (typeof amount === "number" && Number.isFinite(amount) && !Number.isInteger(amount)) {
    return `Send cents, not dollars: ${amount} → ${Math.round(amount * 100)} (Math.round(price * 100)).`;
  }
  return "Send cents as a non-negative whole number, e.g. 2900 for $29.00.";
}

const setOr = <T>(value: T | null, describe: (value: T) => string): string => (value === null ? "Not set (optional)." : describe(value));

export const CLAIM_CHECKS: Record<ClaimCheckId, (input: ClaimInput) => StepOutcome> = {
  reserved: ({ claims }) => fromRead(readReservedKeys(claims), () => "No `__proto__` member."),
  exp: checkExp,
  iat: checkIat,
  lifetime: checkLifetime,
  nbf: checkNbf,
  aud: ({ claims, audience }) => checkAudience(claims, audience),
  sub: ({ claims }) => fromRead(readSub(claims), (sub) => `User id ${JSON.stringify(sub)}.`, () => "Set sub to your user's stable id, as a string."),
  email: ({ claims }) => fromRead(readEmail(claims), (email) => setOr(email, (value) => `${value}.`)),
  traits: ({ claims }) => fromRead(readTraits(claims), (traits) => setOr(traits, () => "An object.")),
  "traits.plan": ({ claims }) => traitCheck(claims, readPlan, (plan) => `Plan ${JSON.stringify(plan)}.`),
  "traits.amount": ({ claims }) =>
    traitCheck(claims, readAmount, (amount) => `${amount} cents.`, amountHint),
  "traits.interval": ({ claims }) =>
    traitCheck(claims, readInterval, (interval) => `Billed every ${interval}.`, () => 'Use interval: "month" or "year".'),
};

export type BuiltUser = { user: IdentifiedUser; issuedAt: number };

/** Builds the user from scratch (never spreads the payload); only called after every claim check passed. */
export function buildUser(claims: Record<string, unknown>): Read<BuiltUser> {
  const sub = readSub(claims);
  const email = readEmail(claims);
  const iat = readTimeClaim(claims, "iat", true);
  const traits = readTraits(claims);
  if (!sub.ok) return sub;
  if (!email.ok) return email;
  if (!iat.ok) return iat;
  if (!traits.ok) return traits;
  let plan: string | null = null;
  let amount: number | null = null;
  let interval: "month" | "year" | null = null;
  if (traits.value !== null) {
    const planRead = readPlan(traits.value);
    const amountRead = readAmount(traits.value);
    const intervalRead = readInterval(traits.value);
    if (!planRead.ok) return planRead;
    if (!amountRead.ok) return amountRead;
    if (!intervalRead.ok) return intervalRead;
    plan = planRead.value;
    amount = amountRead.value;
    interval = intervalRead.value;
  }
  const user: IdentifiedUser = {
    id: sub.value,
    email: email.value,
    plan,
    interval,
    amountCents: amount,
    mrrCents: monthlyRecurringCents(amount, interval),
  };
  return readOk({ user, issuedAt: iat.value as number });
}
