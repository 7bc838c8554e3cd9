/**
 * The "signature" check. jose's compactVerify (the JWS layer of jwtVerify) checks the HMAC with
 * algorithms: ["HS256"]; we deliberately do not use jwtVerify because it would also apply its own
 * exp/nbf/iat rules (no clock skew, different errors) before ours run.
 */
import { compactVerify, errors } from "jose";
import { cryptoKeyFor } from "./key-cache";
import { fail, pass, type StepOutcome } from "./outcome";
import type { VerifierKey } from "./types";

export type SignatureReport = { outcome: StepOutcome; key: VerifierKey | null };

const OTHER_SECRET_HINT =
  "The token was signed with another secret (maybe the one before the last rotation, or another project's), or changed after signing. Copy REQIO_SECRET again from Settings > Identity.";

function isSignatureMismatch(error: unknown): boolean {
  return error instanceof errors.JWSSignatureVerificationFailed;
}

export async function checkSignature(token: string, keys: readonly VerifierKey[]): Promise<SignatureReport> {
  if (keys.length === 0) {
    return { outcome: fail("bad_signature", "This project has no identity secret configured, so no token can be verified."), key: null };
  }
  if (token.endsWith(".")) {
    return { outcome: fail("bad_signature", "The token has no signature (its third part is empty).", undefined, OTHER_SECRET_HINT), key: null };
  }
  for (const candidate of keys) {
    let cryptoKey: CryptoKey;
    try {
      cryptoKey = await cryptoKeyFor(candidate);
    } catch {
      continue; // an unusable configured key (e.g. empty) cannot verify anything
    }
    try {
      await compactVerify(token, cryptoKey, { algorithms: ["HS256"] });
      return { outcome: pass(`Verified with ${candidate.label}.`), key: candidate };
    } catch (error) {
      if (isSignatureMismatch(error)) continue;
      return { outcome: fail("malformed_token", "The token could not be parsed for signature verification."), key: null };
    }
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
