/**
 * The "size" and "format" checks: everything that can be said about a token before looking at its
 * algorithm or signature. The size limit is enforced before any splitting or decoding.
 */
import { decodeBase64urlStrict, isStrictBase64url } from "./base64url";
import { parseJsonObject } from "./json-object";
import { MAX_TOKEN_BYTES } from "./limits";
import type { SpecificCause } from "./causes";
import { fail, failBecause, pass, type StepOutcome } from "./outcome";

import { isUtf8 } from "node:buffer";

export type DecodedToken = { token: string; header: Record<string, unknown>; claims: Record<string, unknown> };

export type DecodeReport = {
  outcome: StepOutcome;
  /** Set only when the format check passed. */
  decoded: DecodedToken | null;
  /** Whatever could be decoded, for the debugger, even when the format check failed. */
  header: Record<string, unknown> | null;
  claims: Record<string, unknown> | null;
};

export function checkSize(token: string): StepOutcome {
  // UTF-8 needs at least one byte per UTF-16 unit and at most three: huge strings are rejected on
  // their length alone, without encoding them.
  const exact = token.length <= MAX_TOKEN_BYTES * 3;
  const bytes = exact ? Buffer.byteLength(token, "utf8") : token.length;
  if (bytes > MAX_TOKEN_BYTES) {
    return fail(
      "token_too_large",
      `The token is ${exact ? "" : "at least "}${bytes} bytes; the limit is ${MAX_TOKEN_BYTES}. Keep traits small: send ids and plan data, not whole records.`,
    );
  }
  return pass(() => `${bytes} bytes (limit ${MAX_TOKEN_BYTES}).`);
}

export function notAString(token: unknown): StepOutcome {
  const kind = token === null ? "null" : Array.isArray(token) ? "an array" : typeof token;
  return fail("malformed_token", `The token must be a string (got ${kind}).`);
}

function decodePart(part: string, name: "header" | "payload"): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  const bytes = decodeBase64urlStrict(part);
  if (bytes === null) {
    const why = part.includes("=") ? " (remove the \"=\" padding)" : /[+/]/.test(part) ? " (use - and _, not + and /)" : "";
    return { ok: false, message: `The ${name} is not valid base64url${why}.` };
  }
  if (!isUtf8(bytes)) return { ok: false, message: `The ${name} is not valid UTF-8.` };
  const text = bytes.toString("utf8");
  const parsed = parseJsonObject(text);
  if (!parsed.ok) return { ok: false, message: `The ${name} ${parsed.detail}.` };
  return { ok: true, value: parsed.value };
}

/** A Reqio signing secret (rqio_sk_…, dev or production), wherever it sits in the text. */
const SECRET_PATTERN = /rqio_sk_[0-9A-Za-z_]{8,}/;

const isSpace = (code: number) => code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0xfeff || code === 0x2028 || code === 0x2029;
const isQuote = (code: number) => code === 0x22 || code === 0x27;

function surroundingProblem(token: string): { cause: SpecificCause; message: string } | null {
  const first = token.charCodeAt(0);
  const last = token.charCodeAt(token.length - 1);
  // A token starts and ends with base64url characters: only an odd first or last character needs a look.
  if (!isSpace(first) && !isSpace(last) && !isQuote(first) && !isQuote(last) && first !== 0x42 && first !== 0x62) return null;
  if (/^bearer\s/i.test(token)) {
    return { cause: "bearer_prefix", message: 'The token starts with "Bearer ": send the bare token (header.payload.signature) without the prefix.' };
  }
  if (/^\s|\s$/.test(token)) {
    return { cause: "surrounding_whitespace", message: "The token has leading or trailing whitespace (a newline?): send the bare token, trimmed." };
  }
  if (/^["']|["']$/.test(token)) return { cause: "quoted_token", message: "The token is wrapped in quotes: send the bare token without them." };
  return null;
}

// Module-level, not closures: decodeToken runs on every identify request.
function malformed(message: string, header: Record<string, unknown> | null = null, claims: Record<string, unknown> | null = null): DecodeReport {
  return { outcome: fail("malformed_token", message), decoded: null, header, claims };
}
function because(cause: SpecificCause, message: string): DecodeReport {
  return { outcome: failBecause(cause, message), decoded: null, header: null, claims: null };
}
const FORMAT_PASSED = pass("Three base64url parts; header and payload are JSON objects without duplicate members.");

export function decodeToken(token: string): DecodeReport {
  if (token.trim().length === 0) return because("empty_token", "The token is empty: mint one on your server for the signed-in user and send it.");
  // Never echoed back: the message names what it is, not what it says.
  if (!token.includes(".") && SECRET_PATTERN.test(token)) {
    return because(
      "looks_like_secret",
      "This looks like your project's signing secret (rqio_sk_…), not a token. Keep the secret on your server, use it to mint a token, and send the token. If the secret reached a browser, rotate it.",
    );
  }
  const surrounding = surroundingProblem(token);
  if (surrounding !== null) return because(surrounding.cause, surrounding.message);

  const parts = token.split(".");
  if (parts.length !== 3) {
    if (parts.length === 5) {
      return because("encrypted_token", "This is an encrypted JWE (five parts); Reqio expects a signed HS256 JWT (three parts): sign the claims, don't encrypt them.");
    }
    return malformed(`A JWT has three base64url parts separated by dots (header.payload.signature); this one has ${parts.length}.`);
  }
  const [headerPart = "", payloadPart = "", signaturePart = ""] = parts;
  if (headerPart === "" || payloadPart === "") return malformed("The header or payload part is empty.");

  const header = decodePart(headerPart, "header");
  const claims = decodePart(payloadPart, "payload");
  const headerValue = header.ok ? header.value : null;
  const claimsValue = claims.ok ? claims.value : null;
  if (!header.ok) return malformed(header.message, null, claimsValue);
  if (!claims.ok) return malformed(claims.message, headerValue, null);
  // The signature may be empty here (alg "none" tokens): the alg check reports those precisely.
  if (!isStrictBase64url(signaturePart)) {
    return malformed("The signature part is not valid base64url.", headerValue, claimsValue);
  }
  return {
    outcome: FORMAT_PASSED,
    decoded: { token, header: header.value, claims: claims.value },
    header: headerValue,
    claims: claimsValue,
  };
}
