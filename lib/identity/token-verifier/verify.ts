import { runPipeline } from "./pipeline";
import type { VerifyOptions, VerifyResult } from "./types";

/**
 * Verifies a Reqio identity token (HS256 JWT minted by the customer's server). Never throws:
 * any unexpected error becomes malformed_token. Synchronous: it runs on every identify request.
 */
export function verifyIdentityToken(token: unknown, options: VerifyOptions): VerifyResult {
  try {
    const { result, header, claims } = runPipeline(token, options, "first-failure");
    // A rejection carries what could be decoded (never the signature): the status panel's example.
    if (!result.ok && header !== null && claims !== null) return { ...result, decoded: { header, claims } };
    return result;
  } catch {
    return { ok: false, code: "malformed_token", message: "The token could not be verified.", cause: "malformed_token" };
  }
}
