import { runPipeline } from "./pipeline";
import type { VerifyOptions, VerifyResult } from "./types";

/**
 * Verifies a Reqio identity token (HS256 JWT minted by the customer's server). Never throws:
 * any unexpected error becomes malformed_token. Synchronous: it runs on every identify request.
 */
export function verifyIdentityToken(token: unknown, options: VerifyOptions): VerifyResult {
  try {
    const { result, header, claims, verifiedKey } = runPipeline(token, options, "first-failure");
    // The environment of the secret that verified the signature, even when a claim then failed.
    const environment = verifiedKey?.environment;
    const attributed = environment === undefined ? result : { ...result, environment };
    // A rejection carries what could be decoded (never the signature): the status panel's example.
    if (!attributed.ok && header !== null && claims !== null) return { ...attributed, decoded: { header, claims } };
    return attributed;
  } catch {
    return { ok: false, code: "malformed_token", message: "The token could not be verified.", cause: "malformed_token" };
  }
}
