/** Every check, in the order they run. The first failure in this order is the verify result. */

export const CHECKS = [
  { id: "size", label: "Token size ≤ 8192 bytes" },
  { id: "format", label: "Format: header.payload.signature, base64url JSON objects" },
  { id: "alg", label: "Algorithm is HS256" },
  { id: "extensions", label: "No critical header extensions (crit, b64)" },
  { id: "signature", label: "Signature matches a project secret" },
  { id: "reserved", label: "No `__proto__` claim" },
  { id: "exp", label: "`exp` is set and not expired" },
  { id: "iat", label: "`iat` is set and not in the future" },
  { id: "lifetime", label: "Lifetime (exp − iat) ≤ 300 s" },
  { id: "nbf", label: "`nbf` (optional) has passed" },
  { id: "aud", label: "`aud` is this project's audience" },
  { id: "sub", label: "`sub` is a user id" },
  { id: "email", label: "`email` (optional) is a valid address" },
  { id: "traits", label: "`traits` (optional) is an object" },
  { id: "traits.plan", label: "`traits.plan` (optional) is a short string" },
  { id: "traits.amount", label: "`traits.amount` (optional) is whole cents" },
  { id: "traits.interval", label: "`traits.interval` (optional) is \"month\" or \"year\"" },
] as const;

export type CheckId = (typeof CHECKS)[number]["id"];

export const CLAIM_CHECK_IDS = [
  "reserved",
  "exp",
  "iat",
  "lifetime",
  "nbf",
  "aud",
  "sub",
  "email",
  "traits",
  "traits.plan",
  "traits.amount",
  "traits.interval",
] as const satisfies readonly CheckId[];

/** The claim checks about the token itself; the rest (sub onwards) describe the user. */
export const TOKEN_CLAIM_CHECK_IDS = CLAIM_CHECK_IDS.slice(0, CLAIM_CHECK_IDS.indexOf("aud") + 1);

export type ClaimCheckId = (typeof CLAIM_CHECK_IDS)[number];

export function labelOf(id: CheckId): string {
  return CHECKS.find((check) => check.id === id)?.label ?? id;
}
