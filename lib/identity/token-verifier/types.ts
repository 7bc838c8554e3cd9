/** Public types of the identity-token verifier (see index.ts for the API). */

import type { KeyObject } from "node:crypto";

/**
 * One HMAC key the verifier may accept; `label` is what the admin sees, e.g. "current secret ••••9f2c".
 * `hmacKey`, when the caller made it ahead of time, spares the per-request cache lookup; `environment`
 * (production, development) is the one whose secret it is: a token it verifies belongs there.
 */
export type VerifierKey = { id: string; label: string; key: Uint8Array; hmacKey?: KeyObject; environment?: string };

/**
 * A secret this project retired (rotated away or expired) within the last 30 days. Never verifies a
 * token: it is only tried after a signature failed, to say which secret the token was signed with.
 */
export type RetiredKey = {
  id: string;
  key: Uint8Array;
  last4: string;
  retiredAt: number;
  /** Who ended it, for the admin's debugger only (the public endpoint never names people). */
  retiredBy: string | null;
};

export type TokenErrorCode =
  | "malformed_token"
  | "token_too_large"
  | "alg_not_allowed"
  | "bad_signature"
  | "token_expired"
  | "token_not_yet_valid"
  | "iat_in_future"
  | "lifetime_too_long"
  | "audience_mismatch"
  | "missing_claim"
  | "invalid_claim";

export type IdentifiedUser = {
  id: string;
  email: string | null;
  plan: string | null;
  interval: "month" | "year" | null;
  amountCents: number | null;
  mrrCents: number | null;
};

export type { FailureCause } from "./causes";
import type { FailureCause } from "./causes";

export type VerifyFailure = {
  ok: false;
  code: TokenErrorCode;
  message: string;
  claim?: string;
  cause: FailureCause;
  /** The rejected token's header and claims when both decoded (verifyIdentityToken only). */
  decoded?: { header: Record<string, unknown>; claims: Record<string, unknown> };
  /** The environment of the key whose signature verified before a claim failed (verifyIdentityToken only). */
  environment?: string;
};

export type VerifyResult =
  | { ok: true; user: IdentifiedUser; keyId: string; issuedAt: number; ageSeconds: number /* now - iat, may be negative */; environment?: string }
  | VerifyFailure;

export type VerifyOptions = {
  /** The exact `aud` this project expects: `<APP_URL>/p/<projectId>`. */
  audience: string;
  /** Tried in order; the first that verifies the signature wins. */
  keys: readonly VerifierKey[];
  /** Clock in milliseconds since the epoch (default Date.now). */
  now?: () => number;
  /** Tried only after a signature failed, to name the secret the token was signed with. */
  retiredKeys?: readonly RetiredKey[];
};

export type CheckStatus = "pass" | "fail" | "skipped";
export type TokenCheck = { id: string; label: string; status: CheckStatus; detail: string; hint?: string };

/** What a run of the checklist found: the verdict, the decoded parts (null where unreadable), each check. */
export type TokenReport = {
  result: VerifyResult;
  header: Record<string, unknown> | null;
  claims: Record<string, unknown> | null;
  checks: TokenCheck[];
};

export type TokenInspection = TokenReport & {
  /** Label of the key that verified the signature, or null. */
  verifiedWith: string | null;
  /** True when only the claims were checked (a stored example: no signature). */
  claimsOnly: boolean;
  /** Plausible mistakes that don't reject the token (amounts in dollars, an email as the user id). */
  warnings: TokenWarning[];
};

export type TokenWarning = { id: "amount_under_one_dollar" | "email_as_sub"; message: string };

export type InspectOptions = VerifyOptions & {
  /** Re-check a stored example's claims: it has no signature (Reqio never keeps one), so none is checked. */
  claimsOnly?: boolean;
};
