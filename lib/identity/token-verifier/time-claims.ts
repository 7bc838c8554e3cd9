/**
 * exp / iat / lifetime / nbf checks, with our own semantics (not jose's): timestamps are whole
 * seconds as safe integers, 60 s of clock skew both ways, exp - iat at most 300 s.
 * "now" is the injected clock floored to whole seconds.
 */
import { isoTime, plural, showValue } from "./display";
import { CLOCK_SKEW_SECONDS, MAX_LIFETIME_SECONDS, MILLISECONDS_THRESHOLD } from "./limits";
import { fail, failBecause, failWith, pass, readFail, readOk, skipped, type Read, type StepOutcome } from "./outcome";

export type TimeClaim = "exp" | "iat" | "nbf";
export type ClaimInput = { claims: Record<string, unknown>; nowSeconds: number; audience: string };

const SETTER: Record<TimeClaim, string> = {
  exp: ".setExpirationTime(now + 300)",
  iat: ".setIssuedAt(now)",
  nbf: ".setNotBefore(now)",
};

export const MILLISECONDS_FIX = "Use seconds: Math.floor(Date.now() / 1000) in JavaScript, int(time.time()) in Python, time.Now().Unix() in Go.";

/** Required claims must be present; JSON null counts as present (and invalid) for registered claims. */
export function readTimeClaim(claims: Record<string, unknown>, name: TimeClaim, required: boolean): Read<number | null> {
  if (!Object.hasOwn(claims, name)) {
    return required ? readFail("missing_claim", `The \`${name}\` claim is missing: set it with ${SETTER[name]}.`, name) : readOk(null);
  }
  const value = claims[name];
  if (typeof value === "number" && Number.isSafeInteger(value)) return readOk(value);
  const base = `\`${name}\` must be a whole number of seconds since the Unix epoch`;
  let message: string;
  if (typeof value === "string") message = `${base}, not a string (got ${showValue(value)}).`;
  else if (typeof value !== "number") message = `${base} (got ${showValue(value)}).`;
  else if (!Number.isFinite(value) || !Number.isInteger(value)) {
    message = Number.isFinite(value)
      ? `${base} (got ${value}): use Math.floor(Date.now() / 1000).`
      : `${base} (got a number too large to represent).`;
  } else message = `${base} within the safe integer range (got ${value}).`;
  return readFail("invalid_claim", message, name);
}

const looksLikeMs = (value: number | null): boolean => value !== null && value > MILLISECONDS_THRESHOLD;

/** The claims among exp and iat that hold milliseconds (Date.now()) instead of seconds. */
function claimsInMilliseconds(claims: Record<string, unknown>): TimeClaim[] {
  return (["exp", "iat"] as const).filter((name) => {
    const read = readTimeClaim(claims, name, true);
    return read.ok && looksLikeMs(read.value);
  });
}

/** One diagnosis for millisecond timestamps, whichever claim carries them: never an expiry or NTP message. */
function millisecondsFailure(claims: Record<string, unknown>, claim: TimeClaim): StepOutcome {
  const names = claimsInMilliseconds(claims).map((name) => `\`${name}\``);
  const which = names.length === 2 ? `${names[0]} and ${names[1]} are` : `${names[0] ?? `\`${claim}\``} is`;
  return failBecause(
    "timestamps_in_milliseconds",
    `${which} in milliseconds, not seconds (${claim} ${String(claims[claim])}). ${MILLISECONDS_FIX}`,
    claim,
    MILLISECONDS_FIX,
  );
}

/** exp or iat as whole seconds, or the step's failure: missing, not a safe integer, or in milliseconds. */
function readSeconds(claims: Record<string, unknown>, name: "exp" | "iat"): number | StepOutcome {
  const read = readTimeClaim(claims, name, true);
  if (!read.ok) return failWith(read.failure);
  const value = read.value as number;
  return looksLikeMs(value) ? millisecondsFailure(claims, name) : value;
}

export function checkExp({ claims, nowSeconds }: ClaimInput): StepOutcome {
  const exp = readSeconds(claims, "exp");
  if (typeof exp !== "number") return exp;
  const ago = nowSeconds - exp;
  // In time order: not expired yet, expired within the clock-skew allowance, expired.
  if (ago <= 0) return pass(() => `Expires in ${plural(-ago, "second")} (${isoTime(exp)}).`);
  if (ago <= CLOCK_SKEW_SECONDS) return pass(() => `Expired ${plural(ago, "second")} ago, within the ${CLOCK_SKEW_SECONDS} s clock-skew allowance.`);
  return fail(
    "token_expired",
    `The token expired ${plural(ago, "second")} ago (exp ${exp} = ${isoTime(exp)}). Mint a fresh token for each page load; tokens live ${MAX_LIFETIME_SECONDS} seconds.`,
    "exp",
    "Mint the token when the page is rendered (or fetch a fresh one before Reqio.identify), not once at login.",
  );
}

export function checkIat({ claims, nowSeconds }: ClaimInput): StepOutcome {
  const iat = readSeconds(claims, "iat");
  if (typeof iat !== "number") return iat;
  const ahead = iat - nowSeconds;
  if (ahead > CLOCK_SKEW_SECONDS) {
    return fail(
      "iat_in_future",
      `\`iat\` is ${plural(ahead, "second")} in the future (iat ${iat} = ${isoTime(iat)}); more than ${CLOCK_SKEW_SECONDS} s of clock skew. Sync the signing server's clock (NTP).`,
      "iat",
      "The signing server's clock is ahead of real time; enable NTP time sync.",
    );
  }
  return pass(() => ahead > 0 ? `Issued ${plural(ahead, "second")} in the future (within skew).` : `Issued ${plural(-ahead, "second")} ago.`);
}

export function checkLifetime({ claims }: ClaimInput): StepOutcome {
  const exp = readTimeClaim(claims, "exp", true);
  const iat = readTimeClaim(claims, "iat", true);
  if (!exp.ok || !iat.ok) return skipped("Needs valid `exp` and `iat`.");
  if (looksLikeMs(exp.value) || looksLikeMs(iat.value)) return skipped("Needs `exp` and `iat` in seconds.");
  const lifetime = (exp.value as number) - (iat.value as number);
  if (lifetime < 0) {
    return fail("invalid_claim", `\`exp\` (${exp.value}) is before \`iat\` (${iat.value}).`, "exp");
  }
  if (lifetime > MAX_LIFETIME_SECONDS) {
    return fail(
      "lifetime_too_long",
      `The token lives ${plural(lifetime, "second")} (\`exp\` - \`iat\`); the maximum is ${MAX_LIFETIME_SECONDS}. Use .setExpirationTime(now + ${MAX_LIFETIME_SECONDS}).`,
      "exp",
      `Set exp = iat + ${MAX_LIFETIME_SECONDS} and mint a new token per page load.`,
    );
  }
  return pass(() => `Lives ${plural(lifetime, "second")} (max ${MAX_LIFETIME_SECONDS}).`);
}

export function checkNbf({ claims, nowSeconds }: ClaimInput): StepOutcome {
  const nbf = readTimeClaim(claims, "nbf", false);
  if (!nbf.ok) return failWith(nbf.failure);
  if (nbf.value === null) return pass("Not set (optional).");
  const ahead = nbf.value - nowSeconds;
  if (ahead > CLOCK_SKEW_SECONDS) {
    return fail(
      "token_not_yet_valid",
      `\`nbf\` is ${plural(ahead, "second")} in the future (nbf ${nbf.value} = ${isoTime(nbf.value)}): the token is not valid yet. Omit nbf or set it to now.`,
      "nbf",
    );
  }
  return pass("Already valid.");
}
