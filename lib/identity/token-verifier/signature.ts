/**
 * The "signature" check: HMAC-SHA256 of header.payload with each live key (hmac.ts). The claims are
 * checked by our own rules afterwards (clock skew, lifetime, typed claims), never by a JWT library's.
 */
import { hs256Matches } from "./hmac";
import { hmacKeyFor } from "./key-cache";
import { fail, failBecause, pass, type StepOutcome } from "./outcome";
import type { VerifierKey } from "./types";

export type SignatureReport = { outcome: StepOutcome; key: VerifierKey | null };

const OTHER_SECRET_HINT =
  "The token was signed with another secret (maybe the one before the last rotation, or another project's), or changed after signing. Copy REQIO_SECRET again from Settings > Identity.";

export function checkSignature(token: string, keys: readonly VerifierKey[]): SignatureReport {
  if (keys.length === 0) {
    return { outcome: failBecause("no_secret", "This project has no identity secret configured, so no token can be verified."), key: null };
  }
  if (token.endsWith(".")) {
    return { outcome: fail("bad_signature", "The token has no signature (its third part is empty).", undefined, OTHER_SECRET_HINT), key: null };
  }
  for (const candidate of keys) {
    const key = hmacKeyFor(candidate);
    if (key !== null && hs256Matches(token, key)) return { outcome: pass(() => `Verified with ${candidate.label}.`), key: candidate }; // an unusable (empty) key verifies nothing
  }
  return {
    outcome: fail(
      "bad_signature",
      "The signature does not match this project's secret: the token was signed with another secret or modified after signing.",
      undefined,
      OTHER_SECRET_HINT,
    ),
    key: null,
  };
}
