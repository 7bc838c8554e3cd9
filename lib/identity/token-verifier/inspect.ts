import { runPipeline } from "./pipeline";
import type { InspectOptions, TokenInspection } from "./types";
import { tokenWarnings } from "./warnings";

/**
 * The admin's token debugger: the same checks as verifyIdentityToken (same pipeline, same headline),
 * but every check that can run is reported, with hints and plausibility warnings. Never throws.
 */
export function inspectIdentityToken(token: unknown, options: InspectOptions): TokenInspection {
  try {
    const report = runPipeline(token, options, "all");
    return {
      result: report.result,
      header: report.header,
      claims: report.claims,
      checks: report.checks,
      verifiedWith: report.verifiedKey?.label ?? null,
      claimsOnly: options.claimsOnly === true,
      warnings: report.result.ok ? tokenWarnings(report.result.user) : [],
    };
  } catch {
    return {
      result: { ok: false, code: "malformed_token", message: "The token could not be inspected.", cause: "malformed_token" },
      header: null,
      claims: null,
      checks: [],
      verifiedWith: null,
      claimsOnly: options?.claimsOnly === true,
      warnings: [],
    };
  }
}
