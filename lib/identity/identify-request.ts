// What the public identify endpoint decides for one request, transport aside: limits, body, keys,
// verification, usage statistics. Plain Node: no Next, no React, no shiki on this path.
import { z } from "zod";
import { verifyIdentityToken, type FailureCause, type IdentifiedUser, type TokenErrorCode } from "@/lib/identity/token-verifier";
import { cachedProjectVerification, KeysUnavailableError, projectVerification } from "@/lib/identity/project-keys";
import { recordVerification } from "@/lib/identity/verification-recorder";
import { createLocalFirstLimiter, limitFromEnv, type RateLimitVerdict } from "@/lib/rate-limit";

/** A token is at most 8 KB; the JSON around it gets a little room, and nothing more is read. */
export const MAX_BODY_BYTES = 16 * 1024;
/** What a 503 asks the widget to wait before retrying. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

export type IdentifyErrorCode =
  | TokenErrorCode
  | "invalid_request"
  | "unsupported_media_type"
  | "project_not_found"
  | "rate_limited"
  | "temporarily_unavailable";

export type IdentifyOutcome =
  | { ok: true; user: Pick<IdentifiedUser, "id" | "email" | "plan" | "interval" | "mrrCents"> }
  | { ok: false; code: IdentifyErrorCode; message: string; cause?: FailureCause; retryAfterSeconds?: number };

export type IdentifyRequest = {
  projectId: string;
  clientAddress: string;
  contentType: string | undefined;
  /** Reads the body up to MAX_BODY_BYTES; null when it is larger. */
  readBody: () => Promise<string | null>;
};

// Every request counts against its client's budget. Only tokens that verify spend the project's, so
// junk posted with a project ID read off a customer's page can't lock out its real users; rejected
// requests spend a per-client failure budget of their own.
const perClient = createLocalFirstLimiter({ keyPrefix: "identify:ip", points: limitFromEnv("REQIO_IDENTIFY_LIMIT_PER_IP", 600), durationSeconds: 60 });
const failuresPerClient = createLocalFirstLimiter({ keyPrefix: "identify:fail", points: limitFromEnv("REQIO_IDENTIFY_FAILURES_PER_IP", 120), durationSeconds: 60 });
const perProject = createLocalFirstLimiter({ keyPrefix: "identify:project", points: limitFromEnv("REQIO_IDENTIFY_LIMIT_PER_PROJECT", 6000), durationSeconds: 60 });

const IdentifyBody = z.strictObject({ token: z.string() });

function rateLimited(verdict: Extract<RateLimitVerdict, { allowed: false }>, message: string): IdentifyOutcome {
  return { ok: false, code: "rate_limited", message: `${message} Retry after ${verdict.retryAfterSeconds} s.`, retryAfterSeconds: verdict.retryAfterSeconds };
}

const reject = (code: IdentifyErrorCode, message: string): IdentifyOutcome => ({ ok: false, code, message });

/** POST /api/v1/projects/{projectId}/identify, decided. */
export async function identify(request: IdentifyRequest): Promise<IdentifyOutcome> {
  const { clientAddress } = request;
  const clientVerdict = perClient.consume(clientAddress);
  if (!clientVerdict.allowed) return rateLimited(clientVerdict, "Too many identify requests from your address.");
  const failureVerdict = failuresPerClient.peek(clientAddress);
  if (!failureVerdict.allowed) return rateLimited(failureVerdict, "Too many rejected identify requests from your address: fix the token, then retry.");

  const outcome = await decide(request);
  if (!outcome.ok && outcome.code !== "temporarily_unavailable" && outcome.code !== "rate_limited") failuresPerClient.consume(clientAddress);
  return outcome;
}

async function decide({ projectId, contentType, readBody }: IdentifyRequest): Promise<IdentifyOutcome> {
  if (!/^application\/json\s*(;|$)/i.test(contentType ?? "")) {
    return reject("unsupported_media_type", 'Send the body as JSON with "Content-Type: application/json".');
  }
  let verification;
  try {
    verification = cachedProjectVerification(projectId);
    if (verification === undefined) verification = await projectVerification(projectId);
  } catch (error) {
    if (!(error instanceof KeysUnavailableError)) throw error;
    return {
      ok: false,
      code: "temporarily_unavailable",
      message: "Reqio can't check tokens for this project right now. Retry shortly; the token is not at fault.",
      retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
    };
  }
  if (!verification) return reject("project_not_found", "No project has this ID. Check data-project-id on the widget tag.");

  const text = await readBody();
  if (text === null) {
    recordVerification(projectId, { code: "token_too_large" });
    return reject("token_too_large", "The request body is over 16 KB; an identity token must be at most 8 KB.");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    recordVerification(projectId, { code: "invalid_request" });
    return reject("invalid_request", 'The body is not valid JSON. Send {"token": "<jwt>"}.');
  }
  const body = IdentifyBody.safeParse(parsed);
  if (!body.success) {
    recordVerification(projectId, { code: "invalid_request" });
    const issue = body.error.issues[0];
    const field = issue?.code === "unrecognized_keys" ? ` Unexpected field: ${issue.keys.join(", ")}.` : "";
    return reject("invalid_request", `The body must be a JSON object with exactly one string field, "token".${field}`);
  }

  const result = verifyIdentityToken(body.data.token, verification);
  if (!result.ok) {
    recordVerification(projectId, { code: result.code, cause: result.cause, example: result.decoded });
    return { ok: false, code: result.code, cause: result.cause, message: result.message };
  }
  const projectVerdict = perProject.consume(projectId);
  if (!projectVerdict.allowed) return rateLimited(projectVerdict, "Too many identify requests for this project.");
  const { user } = result;
  recordVerification(projectId, { code: "ok", ageSeconds: result.ageSeconds, user, secretId: result.keyId });
  return { ok: true, user: { id: user.id, email: user.email, plan: user.plan, interval: user.interval, mrrCents: user.mrrCents } };
}
