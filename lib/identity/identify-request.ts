// What the public identify endpoint decides for one request, transport aside: limits, body, keys,
// verification, usage statistics. Plain Node: no Next, no React, no shiki on this path.
import { z } from "zod";
import { verifyIdentityToken, type FailureCause, type IdentifiedUser, type TokenErrorCode } from "@/lib/identity/token-verifier";
import { cachedProjectVerification, KeysUnavailableError, projectVerification, type ProjectVerification } from "@/lib/identity/project-keys";
import { recordVerification } from "@/lib/identity/verification-recorder";
import { isLocalhostOrigin } from "@/lib/identity/localhost-origin";
import { createLocalFirstLimiter, limitFromEnv, type RateLimitVerdict } from "@/lib/http/rate-limit";

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
  | { ok: true; environment: string; user: Pick<IdentifiedUser, "id" | "email" | "plan" | "interval" | "mrrCents"> }
  | { ok: false; code: IdentifyErrorCode; message: string; cause?: FailureCause; retryAfterSeconds?: number };

/** What is known of a request before its body is read. */
export type IdentifyRequest = { projectId: string; clientAddress: string; contentType: string | undefined; origin?: string };

/** Admitted: the project's keys, to verify the body with once it is read. */
export type Admitted = { admitted: true; request: IdentifyRequest; verification: ProjectVerification };
type Admission = Admitted | { admitted: false; outcome: IdentifyOutcome };

// Every request counts against its client's budget. Only tokens that verify spend the project's, so
// junk posted with a project ID read off a customer's page can't lock out its real users; rejected
// requests spend a per-client failure budget of their own.
const perClient = createLocalFirstLimiter({ keyPrefix: "identify:ip", points: limitFromEnv("REQIO_IDENTIFY_LIMIT_PER_IP", 600), durationSeconds: 60 });
const failuresPerClient = createLocalFirstLimiter({ keyPrefix: "identify:fail", points: limitFromEnv("REQIO_IDENTIFY_FAILURES_PER_IP", 120), durationSeconds: 60 });
const perProject = createLocalFirstLimiter({ keyPrefix: "identify:project", points: limitFromEnv("REQIO_IDENTIFY_LIMIT_PER_PROJECT", 6000), durationSeconds: 60 });

const IdentifyBody = z.strictObject({ token: z.string() });

/** The common case without zod's machinery: exactly {"token": "<string>"}. Anything else goes to zod for its message. */
function tokenOf(parsed: unknown): string | undefined {
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
  let only: string | undefined;
  for (const key in parsed) {
    if (key !== "token" || only !== undefined) return undefined;
    only = key;
  }
  const token = (parsed as { token?: unknown }).token;
  return only === "token" && typeof token === "string" && Object.getPrototypeOf(parsed) === Object.prototype ? token : undefined;
}

function rateLimited(verdict: Extract<RateLimitVerdict, { allowed: false }>, message: string): IdentifyOutcome {
  return { ok: false, code: "rate_limited", message: `${message} Retry after ${verdict.retryAfterSeconds} s.`, retryAfterSeconds: verdict.retryAfterSeconds };
}

const reject = (code: IdentifyErrorCode, message: string): IdentifyOutcome => ({ ok: false, code, message });

/**
 * POST /api/v1/projects/{projectId}/identify, first half: limits, media type and the project's keys,
 * before the body is read. Synchronous whenever the keys are cached (the hot path creates no promise);
 * a Promise only while they load.
 */
export function admitIdentify(request: IdentifyRequest): Admission | Promise<Admission> {
  const { clientAddress } = request;
  const clientVerdict = perClient.consume(clientAddress);
  if (!clientVerdict.allowed) return { admitted: false, outcome: rateLimited(clientVerdict, "Too many identify requests from your address.") };
  const failureVerdict = failuresPerClient.peek(clientAddress);
  if (!failureVerdict.allowed) {
    return { admitted: false, outcome: rateLimited(failureVerdict, "Too many rejected identify requests from your address: fix the token, then retry.") };
  }
  if (!/^application\/json\s*(;|$)/i.test(request.contentType ?? "")) {
    return refused(request, reject("unsupported_media_type", 'Send the body as JSON with "Content-Type: application/json".'));
  }
  try {
    const cached = cachedProjectVerification(request.projectId);
    if (cached !== undefined) return admission(request, cached);
    return projectVerification(request.projectId).then((loaded) => admission(request, loaded), (error: unknown) => unavailable(request, error));
  } catch (error) {
    return unavailable(request, error);
  }
}

/** Second half, synchronous: the body (null when over MAX_BODY_BYTES) verified with the admitted keys. */
export function identifyWithBody({ request, verification }: Admitted, text: string | null): IdentifyOutcome {
  const outcome = decide(request, verification, text);
  if (!outcome.ok && outcome.code !== "rate_limited") failuresPerClient.consume(request.clientAddress);
  return outcome;
}

function admission(request: IdentifyRequest, verification: ProjectVerification | null): Admission {
  if (!verification) return refused(request, reject("project_not_found", "No project has this ID. Check data-project-id on the widget tag."));
  return { admitted: true, request, verification };
}

/** A rejection before the body is read: it spends the client's failure budget like any other. */
function refused(request: IdentifyRequest, outcome: IdentifyOutcome): Admission {
  failuresPerClient.consume(request.clientAddress);
  return { admitted: false, outcome };
}

// Our outage, not the caller's mistake: it spends no failure budget.
function unavailable(_request: IdentifyRequest, error: unknown): Admission {
  if (!(error instanceof KeysUnavailableError)) throw error;
  return {
    admitted: false,
    outcome: {
      ok: false,
      code: "temporarily_unavailable",
      message: "Reqio can't check tokens for this project right now. Retry shortly; the token is not at fault.",
      retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
    },
  };
}

function decide({ projectId, origin }: IdentifyRequest, verification: ProjectVerification, text: string | null): IdentifyOutcome {
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
  const token = tokenOf(parsed);
  const body = token === undefined ? IdentifyBody.safeParse(parsed) : { success: true as const, data: { token } };
  if (!body.success) {
    recordVerification(projectId, { code: "invalid_request" });
    const issue = body.error.issues[0];
    const field = issue?.code === "unrecognized_keys" ? ` Unexpected field: ${issue.keys.join(", ")}.` : "";
    return reject("invalid_request", `The body must be a JSON object with exactly one string field, "token".${field}`);
  }

  const result = verifyIdentityToken(body.data.token, verification);
  if (!result.ok) {
    recordVerification(projectId, { code: result.code, cause: result.cause, example: result.decoded, environment: result.environment });
    return { ok: false, code: result.code, cause: result.cause, message: result.message };
  }
  const projectVerdict = perProject.consume(projectId);
  if (!projectVerdict.allowed) return rateLimited(projectVerdict, "Too many identify requests for this project.");
  const { user } = result;
  const environment = result.environment ?? "production";
  const fromLocalhost = environment === "production" && isLocalhostOrigin(origin);
  recordVerification(projectId, { code: "ok", ageSeconds: result.ageSeconds, user, secretId: result.keyId, environment, fromLocalhost });
  return { ok: true, environment, user: { id: user.id, email: user.email, plan: user.plan, interval: user.interval, mrrCents: user.mrrCents } };
}
