/**
 * The headline of a rejection: the error code clients branch on stays one of the stable
 * TokenErrorCode values, and `cause` names the root cause more precisely where we can tell it.
 * New causes may be added; a cause never changes meaning. Documented in the README's table.
 */
import type { TokenErrorCode } from "./types";

export const SPECIFIC_CAUSES = {
  empty_token: "malformed_token",
  looks_like_secret: "malformed_token",
  encrypted_token: "malformed_token",
  bearer_prefix: "malformed_token",
  surrounding_whitespace: "malformed_token",
  quoted_token: "malformed_token",
  unsigned_token: "alg_not_allowed",
  wrong_project: "audience_mismatch",
  no_secret: "bad_signature",
  retired_secret: "bad_signature",
  secret_base64_decoded: "bad_signature",
  secret_prefix_dropped: "bad_signature",
  secret_whitespace: "bad_signature",
  timestamps_in_milliseconds: "invalid_claim",
  unsafe_characters: "invalid_claim",
} as const satisfies Record<string, TokenErrorCode>;

export type SpecificCause = keyof typeof SPECIFIC_CAUSES;
/** A specific cause, or the code itself when nothing more precise can be said. */
export type FailureCause = TokenErrorCode | SpecificCause;

/** One line per cause for the status panel: what went wrong, in the customer's words. */
export const CAUSE_SUMMARIES: Record<FailureCause, string> = {
  malformed_token: "Not a well-formed JWT",
  token_too_large: "Token over 8 KB",
  alg_not_allowed: "Algorithm other than HS256",
  bad_signature: "Signed with an unknown secret, or modified",
  token_expired: "Expired (minted too early or cached)",
  token_not_yet_valid: "`nbf` in the future",
  iat_in_future: "`iat` in the future: the signing server's clock is ahead",
  lifetime_too_long: "Lives longer than 300 s",
  audience_mismatch: "Wrong audience",
  missing_claim: "A required claim is missing",
  invalid_claim: "A claim has the wrong type or value",
  empty_token: "Empty token (the placeholder left in the tag?)",
  looks_like_secret: "The signing secret was sent instead of a token",
  encrypted_token: "An encrypted JWE instead of a signed JWT",
  bearer_prefix: "\"Bearer \" prefix in the token",
  surrounding_whitespace: "Whitespace around the token",
  quoted_token: "Quotes around the token",
  unsigned_token: "Unsigned token (alg \"none\")",
  wrong_project: "Token for another project",
  no_secret: "The project has no secret",
  retired_secret: "Signed with a retired secret: REQIO_SECRET is out of date",
  secret_base64_decoded: "Signed with the base64-decoded secret",
  secret_prefix_dropped: "Signed without the rqio_sk_ prefix",
  secret_whitespace: "Signed with whitespace around the secret",
  timestamps_in_milliseconds: "`iat`/`exp` in milliseconds, not seconds",
  unsafe_characters: "Control or bidi characters in `sub`, `email` or `traits.plan`",
};
