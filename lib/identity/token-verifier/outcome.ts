import { SPECIFIC_CAUSES, type SpecificCause } from "./causes";
import type { TokenErrorCode } from "./types";

/** A failed check; the first one in checklist order becomes the `{ ok: false }` result. */
export type TokenFailure = { code: TokenErrorCode; message: string; claim?: string; cause?: SpecificCause };

/**
 * What one check function reports. `hint` is only surfaced by the token debugger. A pass's detail may
 * be a function: verification (the hot path) never shows it, so it is only built for the debugger.
 */
export type Detail = string | (() => string);
export type StepOutcome =
  | { status: "pass"; detail: Detail; hint?: string }
  | { status: "fail"; failure: TokenFailure; hint?: string }
  | { status: "skipped"; detail: string };

/** A claim reader: the parsed value, or the failure that explains why it is unusable. */
export type Read<T> = { ok: true; value: T } | { ok: false; failure: TokenFailure };

export const pass = (detail: Detail, hint?: string): StepOutcome =>
  hint === undefined ? { status: "pass", detail } : { status: "pass", detail, hint };

export const detailText = (detail: Detail): string => (typeof detail === "string" ? detail : detail());

export const skipped = (detail: string): StepOutcome => ({ status: "skipped", detail });

export function fail(code: TokenErrorCode, message: string, claim?: string, hint?: string): StepOutcome {
  const failure: TokenFailure = claim === undefined ? { code, message } : { code, message, claim };
  return hint === undefined ? { status: "fail", failure } : { status: "fail", failure, hint };
}

/** A failure whose root cause is known more precisely than its code (see causes.ts). */
export function failBecause(cause: SpecificCause, message: string, claim?: string, hint?: string): StepOutcome {
  const failure: TokenFailure = { code: SPECIFIC_CAUSES[cause], message, cause };
  if (claim !== undefined) failure.claim = claim;
  return hint === undefined ? { status: "fail", failure } : { status: "fail", failure, hint };
}

export function readFailBecause<T>(cause: SpecificCause, message: string, claim: string): Read<T> {
  return { ok: false, failure: { code: SPECIFIC_CAUSES[cause], message, claim, cause } };
}

export const failWith = (failure: TokenFailure, hint?: string): StepOutcome =>
  hint === undefined ? { status: "fail", failure } : { status: "fail", failure, hint };

export const readOk = <T>(value: T): Read<T> => ({ ok: true, value });

export function readFail<T>(code: TokenErrorCode, message: string, claim: string): Read<T> {
  return { ok: false, failure: { code, message, claim } };
}
