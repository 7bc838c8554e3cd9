/**
 * Reqio identity-token verifier: pure functions (no React, DB or "server-only"), clock injected.
 *
 *   verifyIdentityToken(token, { audience, keys, now? })           → VerifyResult
 *   inspectIdentityToken(token, { audience, keys, now?, retiredKeys? })      → TokenInspection
 */
export { verifyIdentityToken } from "./verify";
export { inspectIdentityToken } from "./inspect";
export { describeAudienceDifference } from "./audience-claim";
export { isValidEmailAddress } from "./email-address";
export { monthlyRecurringCents } from "./user-claims";
export { CHECKS } from "./checklist";
export { SPECIFIC_CAUSES, CAUSE_SUMMARIES } from "./causes";
export { tokenWarnings, SUSPICIOUS_AMOUNT_CENTS } from "./warnings";
export {
  MAX_TOKEN_BYTES,
  CLOCK_SKEW_SECONDS,
  MAX_LIFETIME_SECONDS,
  MAX_SUB_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_PLAN_LENGTH,
} from "./limits";
export type {
  VerifierKey,
  TokenErrorCode,
  IdentifiedUser,
  VerifyResult,
  VerifyOptions,
  CheckStatus,
  TokenCheck,
  TokenInspection,
  InspectOptions,
  RetiredKey,
  FailureCause,
  VerifyFailure,
  TokenWarning,
} from "./types";
