/**
 * Runs the checklist. verifyIdentityToken uses mode "first-failure" (stops at the first failed
 * check); inspectIdentityToken uses "all" (keeps going where inputs allow, so the admin sees every
 * problem). Both take the result from the first failure in checklist order, so they always agree.
 */
import { buildUser, CLAIM_CHECKS } from "./claim-checks";
import { CHECKS, CLAIM_CHECK_IDS, labelOf, TOKEN_CLAIM_CHECK_IDS, type CheckId } from "./checklist";
import { checkSize, decodeToken, notAString } from "./decode";
import { checkAlgorithm, checkExtensions } from "./header-checks";
import { detailText, failBecause, skipped, type StepOutcome, type TokenFailure } from "./outcome";
import { checkSignature } from "./signature";
import { diagnoseSignature } from "./signature-diagnosis";
import { wrongProject } from "./audience-claim";
import type { InspectOptions, TokenCheck, TokenReport, VerifierKey, VerifyFailure, VerifyResult } from "./types";

export type PipelineMode = "first-failure" | "all";

export type PipelineReport = TokenReport & { verifiedKey: VerifierKey | null };

function toCheck(id: CheckId, outcome: StepOutcome): TokenCheck {
  const base = { id, label: labelOf(id) };
  if (outcome.status === "fail") {
    const check: TokenCheck = { ...base, status: "fail", detail: outcome.failure.message };
    return outcome.hint === undefined ? check : { ...check, hint: outcome.hint };
  }
  const check: TokenCheck = { ...base, status: outcome.status, detail: outcome.status === "pass" ? detailText(outcome.detail) : outcome.detail };
  return outcome.status === "pass" && outcome.hint !== undefined ? { ...check, hint: outcome.hint } : check;
}

function toFailure(failure: TokenFailure): VerifyResult {
  const result: VerifyFailure = { ok: false, code: failure.code, message: failure.message, cause: failure.cause ?? failure.code };
  if (failure.claim !== undefined) result.claim = failure.claim;
  return result;
}

function readClock(options: InspectOptions): number {
  const ms = (options.now ?? Date.now)();
  if (typeof ms !== "number" || !Number.isFinite(ms)) throw new Error("The verifier clock returned an invalid time.");
  return Math.floor(ms / 1000);
}

const CLAIMS_ONLY_PASS: VerifyFailure = {
  ok: false,
  code: "bad_signature",
  cause: "bad_signature",
  message: "Every claim passes. The signature was not checked: this example was stored without it (Reqio never keeps signatures).",
};

/** One run's state; methods rather than closures, since verification runs on every identify request. */
class PipelineRun {
  checks: TokenCheck[] = [];
  failure: TokenFailure | null = null;
  header: Record<string, unknown> | null = null;
  claims: Record<string, unknown> | null = null;
  verifiedKey: VerifierKey | null = null;
  /** Verification (the hot path) only needs the result: the check list is built for the debugger alone. */
  readonly listChecks: boolean;

  constructor(readonly mode: PipelineMode) {
    this.listChecks = mode === "all";
  }

  finish(result?: VerifyResult): PipelineReport {
    if (this.listChecks) {
      const done = new Set(this.checks.map((check) => check.id));
      for (const { id } of CHECKS) if (!done.has(id)) this.checks.push(toCheck(id, skipped("Not checked: an earlier check failed.")));
    }
    const failure = this.failure ?? { code: "malformed_token", message: "The token could not be verified." };
    const { header, claims, checks, verifiedKey } = this;
    return { header, claims, checks, verifiedKey, result: result ?? toFailure(failure) };
  }

  /** Records a check; true when verification should stop here. */
  record(id: CheckId, outcome: StepOutcome): boolean {
    if (this.listChecks) this.checks.push(toCheck(id, outcome));
    if (outcome.status === "fail" && this.failure === null) this.failure = outcome.failure;
    return this.mode === "first-failure" && this.failure !== null;
  }

  skip(ids: readonly CheckId[], why: string): void {
    for (const id of ids) this.record(id, skipped(why));
  }
}

export function runPipeline(token: unknown, options: InspectOptions, mode: PipelineMode): PipelineReport {
  const state = new PipelineRun(mode);
  const { listChecks } = state;
  const claimsOnly = listChecks && options.claimsOnly === true;
  const nowSeconds = readClock(options);

  if (typeof token !== "string") {
    state.record("size", skipped("Not a string."));
    state.record("format", notAString(token));
    return state.finish();
  }
  const size = checkSize(token);
  state.record("size", size);
  if (size.status === "fail") return state.finish(); // too large: never decode, not even in the debugger

  const decoded = decodeToken(token);
  state.header = decoded.header;
  state.claims = decoded.claims;
  if (state.record("format", decoded.outcome)) return state.finish();

  if (decoded.header === null) state.skip(["alg", "extensions"], "Not checked: the header could not be decoded.");
  else if (state.record("alg", checkAlgorithm(decoded.header)) || state.record("extensions", checkExtensions(decoded.header))) return state.finish();

  // Root cause before signature talk: a token minted for another project fails its signature here too,
  // but "wrong project" is what to fix. No row of its own; the `aud` row shows the same mismatch.
  const otherProject = decoded.claims === null ? null : wrongProject(decoded.claims, options.audience);
  if (otherProject !== null && state.failure === null) {
    state.failure = otherProject;
    if (!listChecks) return state.finish();
  }

  if (claimsOnly) {
    state.record("signature", skipped("Not checked: this example was stored without its signature; only the claims are re-checked."));
  } else if (decoded.decoded === null || (state.failure !== null && state.failure !== otherProject)) {
    state.record("signature", skipped("Not checked: the token's format or header was rejected."));
  } else {
    const signature = checkSignature(decoded.decoded.token, options.keys);
    state.verifiedKey = signature.key;
    let outcome = signature.outcome;
    if (outcome.status === "fail" && options.keys.length > 0) {
      // Only on failure, bounded, and never accepting: name the secret the token was signed with.
      const diagnosis = diagnoseSignature(decoded.decoded.token, options.keys, options.retiredKeys, listChecks ? "admin" : "public");
      if (diagnosis !== null) outcome = failBecause(diagnosis.cause, diagnosis.message, undefined, diagnosis.hint);
    }
    if (state.record("signature", outcome)) return state.finish();
  }

  const claims = decoded.claims;
  if (claims === null) {
    state.skip(CLAIM_CHECK_IDS, "Not checked: the payload could not be decoded.");
    return state.finish();
  }
  const input = { claims, nowSeconds, audience: options.audience };
  // Verification stops at the user claims: buildUser reads them in the same order with the same
  // readers, so its first failure is the one the checks would report, without reading them twice.
  for (const id of listChecks ? CLAIM_CHECK_IDS : TOKEN_CLAIM_CHECK_IDS) {
    let outcome = CLAIM_CHECKS[id](input);
    if (state.verifiedKey === null && outcome.status === "pass") {
      const detail = detailText(outcome.detail);
      outcome = { ...outcome, detail: `${detail} (Unverified: the signature was not accepted.)` };
    }
    if (state.record(id, outcome)) return state.finish();
  }

  const key = state.verifiedKey;
  if (claimsOnly && state.failure === null) return state.finish(CLAIMS_ONLY_PASS);
  if (state.failure !== null || key === null) return state.finish();
  const built = buildUser(claims);
  if (!built.ok) {
    state.failure = built.failure;
    return state.finish();
  }
  const { user, issuedAt } = built.value;
  return state.finish({ ok: true, user, keyId: key.id, issuedAt, ageSeconds: nowSeconds - issuedAt });
}
