import "server-only";
import { z } from "zod";
import { verifyIdentityToken, type TokenErrorCode } from "@/lib/identity/token-verifier";
import { projectVerification } from "@/lib/identity/project-keys";
import { recordVerification } from "@/lib/identity/verification-recorder";
import { createRateLimiter, limitFromEnv, type RateLimitVerdict } from "@/lib/auth/rate-limit";
import { clientIpFrom } from "@/lib/auth/request-context";
import { describeError, log } from "@/lib/log";

/** A token is at most 8 KB; the JSON around it gets a little room, and nothing more is read. */
export const MAX_BODY_BYTES = 16 * 1024;

// Separate budgets, so a flood from one client or on one project can't starve another project.
const perIp = createRateLimiter({ keyPrefix: "identify:ip", points: limitFromEnv("REQIO_IDENTIFY_LIMIT_PER_IP", 600), durationSeconds: 60 });
const perProject = createRateLimiter({ keyPrefix: "identify:project", points: limitFromEnv("REQIO_IDENTIFY_LIMIT_PER_PROJECT", 6000), durationSeconds: 60 });

export const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type",
  "Access-Control-Max-Age": "86400",
} as const;

type HttpErrorCode = TokenErrorCode | "invalid_request" | "unsupported_media_type" | "project_not_found" | "rate_limited";

const STATUS: Record<HttpErrorCode, number> = {
  malformed_token: 400,
  invalid_request: 400,
  token_too_large: 413,
  unsupported_media_type: 415,
  project_not_found: 404,
  rate_limited: 429,
  alg_not_allowed: 401,
  bad_signature: 401,
  token_expired: 401,
  token_not_yet_valid: 401,
  iat_in_future: 401,
  lifetime_too_long: 401,
  audience_mismatch: 401,
  missing_claim: 401,
  invalid_claim: 401,
};

function json(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...CORS_HEADERS, "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...extra },
  });
}

function fail(code: HttpErrorCode, message: string, extra?: Record<string, string>): Response {
  return json(STATUS[code], { ok: false, error: { code, message } }, extra);
}

function rateLimited(verdict: Extract<RateLimitVerdict, { allowed: false }>, scope: string): Response {
  return fail("rate_limited", `Too many identify requests ${scope}. Retry after ${verdict.retryAfterSeconds} s.`, {
    "Retry-After": String(verdict.retryAfterSeconds),
  });
}

/** Reads at most `limit` bytes; a larger body is refused without reading the rest. */
async function readCapped(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const IdentifyBody = z.strictObject({ token: z.string() }, { error: 'The body must be a JSON object with exactly one field, "token".' });

/** POST /api/v1/projects/{projectId}/identify. Reads no cookies, sets none. */
export async function handleIdentify(request: Request, projectId: string): Promise<Response> {
  try {
    const ip = clientIpFrom((name) => request.headers.get(name));
    const ipVerdict = await perIp.consume(ip);
    if (!ipVerdict.allowed) return rateLimited(ipVerdict, "from your address");

    const contentType = request.headers.get("content-type") ?? "";
    if (!/^application\/json\s*(;|$)/i.test(contentType)) {
      return fail("unsupported_media_type", 'Send the body as JSON with "Content-Type: application/json".');
    }
    const verification = await projectVerification(projectId);
    if (!verification) return fail("project_not_found", "No project has this ID. Check data-project-id on the widget tag.");
    const projectVerdict = await perProject.consume(projectId);
    if (!projectVerdict.allowed) return rateLimited(projectVerdict, "for this project");

    const text = await readCapped(request, MAX_BODY_BYTES);
    if (text === null) {
      recordVerification(projectId, { code: "token_too_large" });
      return fail("token_too_large", "The request body is over 16 KB; an identity token must be at most 8 KB.");
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      recordVerification(projectId, { code: "invalid_request" });
      return fail("invalid_request", 'The body is not valid JSON. Send {"token": "<jwt>"}.');
    }
    const body = IdentifyBody.safeParse(parsed);
    if (!body.success) {
      recordVerification(projectId, { code: "invalid_request" });
      const issue = body.error.issues[0];
      const field = issue?.code === "unrecognized_keys" ? ` Unexpected field: ${issue.keys.join(", ")}.` : "";
      return fail("invalid_request", `The body must be a JSON object with exactly one string field, "token".${field}`);
    }

    const result = await verifyIdentityToken(body.data.token, verification);
    if (!result.ok) {
      recordVerification(projectId, { code: result.code });
      return fail(result.code, result.message);
    }
    const { user } = result;
    recordVerification(projectId, { code: "ok", ageSeconds: result.ageSeconds, user, secretId: result.keyId });
    return json(200, { ok: true, user: { id: user.id, email: user.email, plan: user.plan, interval: user.interval, mrrCents: user.mrrCents } });
  } catch (error) {
    // Never a 500 for a customer's bad input: anything unexpected is reported as a malformed token.
    // A client that hangs up mid-body is not our failure: logged, but not as an error.
    if (request.signal.aborted) log("info", "identify request aborted by the client", { projectId });
    else log("error", "identify failed unexpectedly", { projectId, error: describeError(error) });
    return fail("malformed_token", "The token could not be processed.");
  }
}

export function identifyPreflight(): Response {
  return new Response(null, { status: 204, headers: CORS_HEADERS });
}
