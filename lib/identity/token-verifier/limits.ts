/** The numbers of the identity-token contract. Seconds unless named otherwise. */

/** Largest accepted token, in UTF-8 bytes; checked before any decoding. */
export const MAX_TOKEN_BYTES = 8192;
/** Allowed clock difference between the customer's server and ours, both directions. */
export const CLOCK_SKEW_SECONDS = 60;
/** Longest accepted `exp - iat`: the docs mint tokens with exp = iat + 300. */
export const MAX_LIFETIME_SECONDS = 300;
/** A seconds timestamp above this (year 5138) is almost surely milliseconds. */
export const MILLISECONDS_THRESHOLD = 1e11;

export const MAX_SUB_LENGTH = 255;
export const MAX_EMAIL_LENGTH = 254;
export const MAX_PLAN_LENGTH = 64;
