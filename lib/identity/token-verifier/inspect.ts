import { runPipeline } from "./pipeline";
import { diagnoseSignatureMistake } from "./secret-hints";
import type { InspectOptions, TokenInspection } from "./types";

/**
 * The admin's token debugger: the same checks as verifyIdentityToken (same pipeline), but every
 * check that can run is reported, with hints. `result` equals what verifyIdentityToken returns.
 * Never throws.
 */
export async function inspectIdentityToken(token: unknown, options: InspectOptions): Promise<TokenInspection> {
  try {
    const report = runPipeline(token, options, "all");
    const signature = report.checks.find((check) => check.id === "signature");
    if (
      signature?.status === "fail" &&
      typeof token === "string" &&
      typeof options.secretForHints === "string" &&
      options.secretForHints.length > 0 &&
      !report.result.ok &&
      report.result.code === "bad_signature"
    ) {
      const mistake = await diagnoseSignatureMistake(token, options.secretForHints);
      if (mistake !== null) signature.hint = mistake.charAt(0).toUpperCase() + mistake.slice(1) + ".";
    }
    return {
      result: report.result,
      header: report.header,
      claims: report.claims,
      checks: report.checks,
      verifiedWith: report.verifiedKey?.label ?? null,
    };
  } catch {
    return {
      result: { ok: false, code: "malformed_token", message: "The token could not be inspected." },
      header: null,
      claims: null,
      checks: [],
      verifiedWith: null,
    };
  }
}
