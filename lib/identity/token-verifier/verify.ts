import { runPipeline } from "./pipeline";
import type { VerifyOptions, VerifyResult } from "./types";

/**
 * Verifies a Reqio identity token (HS256 JWT minted by the customer's server). Never throws:
 * any unexpected error becomes malformed_token.
 */
export async function verifyIdentityToken(token: unknown, options: VerifyOptions): Promise<VerifyResult> {
  try {
    return (await runPipeline(token, options, "first-failure")).result;
  } catch {
    return { ok: false, code: "malformed_token", message: "The token could not be verified." };
  }
}
