/**
 * The "alg" and "extensions" checks, run on the decoded header before jose sees the token so the
 * error codes are deterministic.
 *
 * Decisions:
 * - alg must be exactly the string "HS256". "none"/"None", other HMAC sizes, asymmetric algorithms
 *   (RS256 with the secret used as a "public key" is the classic key-confusion attack) and a
 *   missing alg are all alg_not_allowed.
 * - `crit` present in any form → malformed_token: we implement no JWS extensions, and RFC 7515
 *   §4.1.11 requires rejecting tokens whose critical extensions are not understood. Reported as
 *   malformed rather than alg_not_allowed because the algorithm itself may be fine.
 * - `b64` present with any value other than true → malformed_token (RFC 7797 unencoded payloads
 *   change what the signature covers; the docs never produce them).
 */
import { fail, failBecause, pass, type StepOutcome } from "./outcome";
import { showValue } from "./display";

const FIX = 'Sign with .setProtectedHeader({ alg: "HS256" }) and the project secret.';

export function checkAlgorithm(header: Record<string, unknown>): StepOutcome {
  if (!Object.hasOwn(header, "alg")) return fail("alg_not_allowed", `The header has no \`alg\`. ${FIX}`, undefined, FIX);
  const alg = header.alg;
  if (alg === "HS256") return pass("HS256 (HMAC-SHA256 with the project secret).");
  if (typeof alg !== "string") {
    return fail("alg_not_allowed", `The header \`alg\` must be the string "HS256" (got ${showValue(alg)}). ${FIX}`, undefined, FIX);
  }
  if (alg.toLowerCase() === "none") {
    return failBecause("unsigned_token", `The header \`alg\` is ${showValue(alg)}: the token is unsigned, and unsigned tokens are never accepted. ${FIX}`, undefined, FIX);
  }
  let why: string;
  if (/^HS(384|512)$/.test(alg)) why = "Reqio verifies HS256 only";
  else if (alg.toUpperCase() === "HS256") why = "the name is case-sensitive";
  else why = "Reqio identity tokens are HMAC-signed with the project secret, not with a key pair";
  return fail("alg_not_allowed", `The header \`alg\` is ${showValue(alg)}, but only "HS256" is allowed: ${why}. ${FIX}`, undefined, FIX);
}

function showCrit(crit: unknown): string {
  if (!Array.isArray(crit)) return showValue(crit);
  const text = JSON.stringify(crit);
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

export function checkExtensions(header: Record<string, unknown>): StepOutcome {
  if (Object.hasOwn(header, "crit")) {
    return fail("malformed_token", `The header lists critical extensions (\`crit\`: ${showCrit(header.crit)}); Reqio supports none. Remove \`crit\`.`);
  }
  if (Object.hasOwn(header, "b64") && header.b64 !== true) {
    return fail("malformed_token", "The header sets `b64` (unencoded payload); Reqio only accepts standard base64url-encoded payloads.");
  }
  return pass("No critical extensions.");
}
