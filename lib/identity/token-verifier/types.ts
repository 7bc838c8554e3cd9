/** Public types of the identity-token verifier (see index.ts for the API). */

import type { KeyObject } from "node:crypto";

/**
 * One HMAC key the verifier may accept; `label` is what the admin sees, e.g. "current secret ••••9f2c".
 * `hmacKey`, when the caller made it ahead of time, spares the per-request cache lookup.
 */
export type VerifierKey = { id: string; label: string; key: Uint8Array; hmacKey?: KeyObject };

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

export type VerifyResult =
  | { ok: true; user: IdentifiedUser; keyId: string; issuedAt: number; ageSeconds: number /* now - iat, may be negative */ }
  | { ok: false; code: TokenErrorCode; message: string; claim?: string };

export type VerifyOptions = {
  /** The exact `aud` this project expects: `<APP_URL>/p/<projectId>`. */
  audience: string;
  /** Tried in order; the first that verifies the signature wins. */
  keys: readonly VerifierKey[];
  /** Clock in milliseconds since the epoch (default Date.now). */
  now?: () => number;
};

export type CheckStatus = "pass" | "fail" | "skipped";
export type TokenCheck = { id: string; label: string; status: CheckStatus; detail: string; hint?: string };

export type TokenInspection = {
  result: VerifyResult;
  header: Record<string, unknown> | null;
  claims: Record<string, unknown> | null;
  checks: TokenCheck[];
  /** Label of the key that verified the signature, or null. */
  verifiedWith: string | null;
};

export type InspectOptions = VerifyOptions & {
  /** The project's plain secret; lets the debugger recognise common key-derivation mistakes. */
  secretForHints?: string;
};
