import { runPipeline } from "./pipeline";
import type { VerifyOptions, VerifyResult } from "./types";

/**
 * Verifies a Reqio identity token (HS256 JWT minted by the customer's server). Never throws:
 * any unexpected error becomes malformed_token. Synchronous: it runs on every identify request.
 */
export function verifyIdentityToken(token: unknown, options: VerifyOptions): VerifyResult {
  try {
    return runPipeline(token, options, "first-failure").result;
  } catch {
    return { ok: false, code: "malformed_token", message: "The token could not be verified." };
  }
}
