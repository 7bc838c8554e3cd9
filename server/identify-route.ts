// POST/OPTIONS /api/v1/projects/{projectId}/identify on plain node:http: the HTTP half of
// lib/identity/identify-request.ts. Reads no cookies, sets none; CORS for any origin.
import type { IncomingMessage, ServerResponse } from "node:http";
import { admitIdentify, identifyWithBody, MAX_BODY_BYTES, type Admitted, type IdentifyErrorCode, type IdentifyOutcome } from "@/lib/identity/identify-request";
import { clientAddressOf } from "@/lib/http/client-address";
import { describeError, log } from "@/lib/log";

export const IDENTIFY_PATH = /^\/api\/v1\/projects\/([^/]*)\/identify\/?$/;

export const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type",
  "Access-Control-Max-Age": "86400",
  // Without it a browser hides Retry-After from the widget on a customer's page.
  "Access-Control-Expose-Headers": "Retry-After",
} as const;

const STATUS: Record<IdentifyErrorCode | "method_not_allowed", number> = {
  malformed_token: 400,
  invalid_request: 400,
  token_too_large: 413,
  unsupported_media_type: 415,
  project_not_found: 404,
  method_not_allowed: 405,
  rate_limited: 429,
  temporarily_unavailable: 503,
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

const JSON_HEADERS = Object.entries({ ...CORS_HEADERS, "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });

function sendJson(response: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  // A flat [name, value, …] list: writeHead takes it as is, without copying or re-validating an object per request.
  const headers: string[] = [];
  for (const [name, value] of JSON_HEADERS) headers.push(name, value);
  for (const name in extra) headers.push(name, extra[name]!);
  headers.push("Content-Length", String(Buffer.byteLength(text)));
  response.writeHead(status, headers);
  response.end(text);
}

function sendOutcome(response: ServerResponse, outcome: IdentifyOutcome): void {
  if (outcome.ok) return sendJson(response, 200, { ok: true, environment: outcome.environment, user: outcome.user });
  const extra: Record<string, string> = outcome.retryAfterSeconds === undefined ? {} : { "Retry-After": String(outcome.retryAfterSeconds) };
  // `cause` (when the verifier could name the root cause) refines `code`, whose meaning never changes.
  const error = outcome.cause === undefined ? { code: outcome.code, message: outcome.message } : { code: outcome.code, cause: outcome.cause, message: outcome.message };
  sendJson(response, STATUS[outcome.code], { ok: false, error }, extra);
}

/**
 * Reads at most `limit` bytes with event callbacks, not a Promise (this runs per request), and calls
 * `done` once: with the text, null for a larger body (refused without reading or buffering the rest),
 * or an Error when the client hangs up before the body ended.
 */
function readCapped(request: IncomingMessage, limit: number, done: (body: string | null | Error) => void): void {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return done(null);
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  request.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size <= limit) return void chunks.push(chunk);
    request.removeAllListeners("data");
    request.resume(); // drain without keeping it, so the 413 still reaches the client
    if (!settled) done(null);
    settled = true;
  });
  request.on("end", () => {
    if (!settled) done(chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8"));
    settled = true;
  });
  request.on("error", (error) => {
    if (!settled) done(error);
    settled = true;
  });
  // A client that hangs up mid-body never sends "end": settle instead of waiting forever.
  request.on("close", () => {
    if (!settled) done(new Error("the client closed the request before its body ended"));
    settled = true;
  });
}

/** Our failure, not the caller's: an honest 503 the widget retries, never a 4xx that blames the token. */
function answerFailure(request: IncomingMessage, response: ServerResponse, error: unknown): void {
  if (request.destroyed) log("info", "identify request aborted by the client", {});
  else log("error", "identify failed unexpectedly", { error: describeError(error) });
  if (!response.headersSent) {
    sendOutcome(response, { ok: false, code: "temporarily_unavailable", message: "Reqio could not check this token right now. Retry shortly.", retryAfterSeconds: 2 });
  }
}

function answerWithBody(request: IncomingMessage, response: ServerResponse, admitted: Admitted): void {
  readCapped(request, MAX_BODY_BYTES, (body) => {
    if (body instanceof Error) return answerFailure(request, response, body);
    try {
      sendOutcome(response, identifyWithBody(admitted, body));
    } catch (error) {
      answerFailure(request, response, error);
    }
  });
}

/** The project ID from the path, or null when its percent-escapes are malformed. */
function projectIdFrom(rawSegment: string): string | null {
  try {
    return decodeURIComponent(rawSegment);
  } catch {
    return null;
  }
}

export function handleIdentify(request: IncomingMessage, response: ServerResponse, rawProjectId: string): void {
  if (request.method === "OPTIONS") {
    response.writeHead(204, CORS_HEADERS);
    response.end();
    return;
  }
  if (request.method !== "POST") {
    sendJson(response, 405, { ok: false, error: { code: "method_not_allowed", message: "Send the token with POST." } }, { Allow: "POST, OPTIONS" });
    return;
  }
  const projectId = projectIdFrom(rawProjectId);
  if (projectId === null) {
    sendJson(response, 404, { ok: false, error: { code: "project_not_found", message: "No project has this ID. Check data-project-id on the widget tag." } });
    return;
  }
  try {
    const admission = admitIdentify({ projectId, clientAddress: clientAddressOf(request), contentType: request.headers["content-type"], origin: request.headers.origin });
    if (admission instanceof Promise) {
      admission.then(
        (loaded) => (loaded.admitted ? answerWithBody(request, response, loaded) : sendOutcome(response, loaded.outcome)),
        (error: unknown) => answerFailure(request, response, error),
      );
    } else if (admission.admitted) answerWithBody(request, response, admission);
    else sendOutcome(response, admission.outcome);
  } catch (error) {
    answerFailure(request, response, error);
  }
}
