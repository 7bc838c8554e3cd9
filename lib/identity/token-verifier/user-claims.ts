/**
 * Readers for the claims that become the IdentifiedUser: sub, email, traits.{plan, amount, interval}.
 *
 * Decisions:
 * - For the optional Reqio fields (email, traits, plan, amount, interval) JSON null means "not set":
 *   the docs' snippet passes `user.email` etc. straight through, and those are often null in
 *   customers' databases. Any other wrong type is invalid_claim.
 * - A `__proto__` member in the payload or in traits is invalid_claim: it is never legitimate and
 *   usually a pollution probe. (JSON.parse makes it an own property, so nothing is polluted either
 *   way; we only ever read fields with Object.hasOwn and build the user from scratch.) Other names
 *   such as `constructor` are harmless under Object.hasOwn and are ignored like any unknown claim.
 * - `sub`, `email` and `traits.plan` must not contain control characters, bidirectional controls or
 *   lone surrogates (unsafe-characters.ts): refused with cause unsafe_characters, never stored.
 */
import { codePointLength, showValue } from "./display";
import { isValidEmailAddress } from "./email-address";
import { MAX_EMAIL_LENGTH, MAX_PLAN_LENGTH, MAX_SUB_LENGTH } from "./limits";
import { readFail, readFailBecause, readOk, type Read } from "./outcome";
import { unsafeCharacterIn } from "./unsafe-characters";

type Claims = Record<string, unknown>;
export type Interval = "month" | "year";

const optional = (object: Claims, name: string): unknown => (Object.hasOwn(object, name) ? object[name] : null);

function unsafe<T>(value: string, claim: string): Read<T> | null {
  const found = unsafeCharacterIn(value);
  return found === null ? null : readFailBecause("unsafe_characters", `\`${claim}\` contains ${found}; send plain text.`, claim);
}

export function readReservedKeys(claims: Claims): Read<null> {
  return Object.hasOwn(claims, "__proto__")
    ? readFail("invalid_claim", "The payload contains a `__proto__` member; remove it.", "__proto__")
    : readOk(null);
}

export function readSub(claims: Claims): Read<string> {
  if (!Object.hasOwn(claims, "sub")) {
    return readFail("missing_claim", "The `sub` claim is missing: set it to your user's id (sub: user.id).", "sub");
  }
  const sub = claims.sub;
  if (typeof sub !== "string") {
    return readFail("invalid_claim", `\`sub\` must be a string user id (got ${showValue(sub)}): send String(user.id).`, "sub");
  }
  if (sub.length === 0) return readFail("invalid_claim", "`sub` must not be empty: set it to your user's id.", "sub");
  const length = codePointLength(sub);
  if (length > MAX_SUB_LENGTH) {
    return readFail("invalid_claim", `\`sub\` is ${length} characters; the maximum is ${MAX_SUB_LENGTH}.`, "sub");
  }
  return unsafe(sub, "sub") ?? readOk(sub);
}

export function readEmail(claims: Claims): Read<string | null> {
  const email = optional(claims, "email");
  if (email === null) return readOk(null);
  if (typeof email !== "string") return readFail("invalid_claim", `\`email\` must be a string (got ${showValue(email)}).`, "email");
  const length = codePointLength(email);
  if (length > MAX_EMAIL_LENGTH) {
    return readFail("invalid_claim", `\`email\` is ${length} characters; the maximum is ${MAX_EMAIL_LENGTH}.`, "email");
  }
  const unsafeEmail = unsafe<string | null>(email, "email");
  if (unsafeEmail !== null) return unsafeEmail;
  if (!isValidEmailAddress(email)) {
    return readFail("invalid_claim", `\`email\` is not a valid email address (got ${showValue(email)}).`, "email");
  }
  return readOk(email);
}

export function readTraits(claims: Claims): Read<Claims | null> {
  const traits = optional(claims, "traits");
  if (traits === null) return readOk(null);
  if (typeof traits !== "object" || Array.isArray(traits)) {
    return readFail("invalid_claim", `\`traits\` must be an object like { plan, amount, interval } (got ${showValue(traits)}).`, "traits");
  }
  const object = traits as Claims;
  if (Object.hasOwn(object, "__proto__")) {
    return readFail("invalid_claim", "`traits` contains a `__proto__` member; remove it.", "traits.__proto__");
  }
  return readOk(object);
}

export function readPlan(traits: Claims): Read<string | null> {
  const plan = optional(traits, "plan");
  if (plan === null) return readOk(null);
  if (typeof plan !== "string") {
    return readFail("invalid_claim", `\`traits.plan\` must be a string such as "pro" (got ${showValue(plan)}).`, "traits.plan");
  }
  const length = codePointLength(plan);
  if (length > MAX_PLAN_LENGTH) {
    return readFail("invalid_claim", `\`traits.plan\` is ${length} characters; the maximum is ${MAX_PLAN_LENGTH}.`, "traits.plan");
  }
  return unsafe<string | null>(plan, "traits.plan") ?? readOk(plan);
}

export function readAmount(traits: Claims): Read<number | null> {
  const amount = optional(traits, "amount");
  if (amount === null) return readOk(null);
  const claim = "traits.amount";
  if (typeof amount === "string") {
    return readFail("invalid_claim", `\`traits.amount\` must be a number of cents, not a string (got ${showValue(amount)}).`, claim);
  }
  if (typeof amount !== "number") {
    return readFail("invalid_claim", `\`traits.amount\` must be a whole number of cents (got ${showValue(amount)}).`, claim);
  }
  if (!Number.isFinite(amount)) {
    return readFail("invalid_claim", "`traits.amount` must be a whole number of cents (got a number too large to represent).", claim);
  }
  if (!Number.isInteger(amount)) {
    const cents = Math.round(amount * 100);
    return readFail("invalid_claim", `\`traits.amount\` must be a whole number of cents (got ${amount}): send ${cents}, not ${amount}.`, claim);
  }
  if (amount < 0) return readFail("invalid_claim", `\`traits.amount\` must not be negative (got ${amount}).`, claim);
  if (!Number.isSafeInteger(amount)) {
    return readFail("invalid_claim", `\`traits.amount\` is too large (got ${amount}); send the recurring charge in cents.`, claim);
  }
  return readOk(amount + 0); // + 0 turns -0 into 0
}

const INTERVAL_ALIASES: Record<string, Interval> = {
  monthly: "month",
  months: "month",
  mo: "month",
  yearly: "year",
  years: "year",
  annual: "year",
  annually: "year",
  yr: "year",
};

export function readInterval(traits: Claims): Read<Interval | null> {
  const interval = optional(traits, "interval");
  if (interval === null) return readOk(null);
  if (interval === "month" || interval === "year") return readOk(interval);
  const alias = typeof interval === "string" && Object.hasOwn(INTERVAL_ALIASES, interval.toLowerCase())
    ? INTERVAL_ALIASES[interval.toLowerCase()]
    : undefined;
  const suggestion = alias === undefined ? "" : `: send "${alias}"`;
  return readFail("invalid_claim", `\`traits.interval\` must be "month" or "year" (got ${showValue(interval)})${suggestion}.`, "traits.interval");
}

/** Monthly recurring revenue in cents: the amount for monthly plans, amount / 12 (rounded) for yearly ones. */
export function monthlyRecurringCents(amount: number | null, interval: Interval | null): number | null {
  if (amount === null || interval === null) return null;
  return interval === "month" ? amount : Math.round(amount / 12);
}
