/**
 * After a signature failed (never before, never to accept): which secret did the customer sign with?
 * Tries the keys that common integration mistakes derive from each live secret, then the secrets this
 * project retired in the last 30 days. Bounded: at most VARIANTS_PER_KEY × live keys + MAX_RETIRED HMACs.
 * The variant keys are made once per live key (a WeakMap on the cached VerifierKey), not per request.
 */
import { decodeBase64Lenient } from "./base64url";
import type { SpecificCause } from "./causes";
import { hs256Matches } from "./hmac";
import type { RetiredKey, VerifierKey } from "./types";

const SECRET_PREFIX = "rqio_sk_";
const RIGHT_WAY = "sign with the REQIO_SECRET string exactly as shown, as UTF-8 bytes (new TextEncoder().encode(process.env.REQIO_SECRET))";
/** Retired secrets tried per failure, newest first. */
export const MAX_RETIRED = 5;

type Variant = { key: Uint8Array; cause: SpecificCause; message: string };
export type SignatureDiagnosis = { cause: SpecificCause; message: string; hint: string };

function variantsOf(secret: string): Variant[] {
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const list: Variant[] = [
    { key: decodeBase64Lenient(secret), cause: "secret_base64_decoded", message: `The token was signed with the secret's base64-decoded bytes: use the string as is (${RIGHT_WAY}).` },
  ];
  if (secret.startsWith(SECRET_PREFIX)) {
    const random = secret.slice(SECRET_PREFIX.length);
    list.push({ key: decodeBase64Lenient(random), cause: "secret_base64_decoded", message: `The token was signed with the base64-decoded secret, without its "${SECRET_PREFIX}" prefix: use the whole string as is (${RIGHT_WAY}).` });
    list.push({ key: utf8(random), cause: "secret_prefix_dropped", message: `The token was signed with the secret minus its "${SECRET_PREFIX}" prefix: the prefix is part of the secret; ${RIGHT_WAY}.` });
  }
  for (const [padded, what] of [[`${secret}\n`, "a trailing newline"], [`${secret}\r\n`, "a trailing CRLF"], [`${secret} `, "a trailing space"], [` ${secret}`, "a leading space"]] as const) {
    list.push({ key: utf8(padded), cause: "secret_whitespace", message: `The token was signed with the secret plus ${what}: trim REQIO_SECRET in your environment file.` });
  }
  return list.filter((variant) => variant.key.length > 0);
}

const variantCache = new WeakMap<VerifierKey, Variant[]>();
function variantsFor(key: VerifierKey): Variant[] {
  let variants = variantCache.get(key);
  if (variants === undefined) {
    variants = variantsOf(new TextDecoder().decode(key.key));
    variantCache.set(key, variants);
  }
  return variants;
}

const utcMinute = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ") + " UTC";

/** The precise cause of a failed signature, or null when no known mistake or retired secret explains it. */
export function diagnoseSignature(
  token: string,
  keys: readonly VerifierKey[],
  retired: readonly RetiredKey[] = [],
  audience: "public" | "admin" = "public",
): SignatureDiagnosis | null {
  for (const key of keys) {
    for (const variant of variantsFor(key)) {
      if (hs256Matches(token, variant.key)) return { cause: variant.cause, message: variant.message, hint: variant.message };
    }
  }
  for (const old of [...retired].sort((a, b) => b.retiredAt - a.retiredAt).slice(0, MAX_RETIRED)) {
    if (old.key.length === 0 || !hs256Matches(token, old.key)) continue;
    // The public endpoint never names the admin who ended it; the debugger does.
    const who = audience === "admin" && old.retiredBy ? ` (ended by ${old.retiredBy})` : "";
    const message = `The token was signed with the secret ••••${old.last4}, which stopped verifying at ${utcMinute(old.retiredAt)}${who}: set REQIO_SECRET on your servers to the current secret from Settings > Identity.`;
    return { cause: "retired_secret", message, hint: message };
  }
  return null;
}
