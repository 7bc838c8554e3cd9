/**
 * Debugger-only: when the signature fails and the admin's plain secret is available, re-try the
 * signature with the keys that common integration mistakes produce, and name the mistake.
 * These keys are one-off (not cached) and never make a token valid.
 */
import { decodeBase64Lenient } from "./base64url";
import { hs256Matches } from "./hmac";

const SECRET_PREFIX = "rqio_sk_";
const RIGHT_WAY = "use new TextEncoder().encode(process.env.REQIO_SECRET)";
export const BASE64_SECRET_HINT = `your server base64-decoded the secret; ${RIGHT_WAY}`;

type Mistake = { key: Uint8Array; hint: string };

function mistakes(secret: string): Mistake[] {
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const list: Mistake[] = [{ key: decodeBase64Lenient(secret), hint: BASE64_SECRET_HINT }];
  if (secret.startsWith(SECRET_PREFIX)) {
    const random = secret.slice(SECRET_PREFIX.length);
    list.push({ key: decodeBase64Lenient(random), hint: BASE64_SECRET_HINT });
    list.push({ key: utf8(random), hint: `your server dropped the "${SECRET_PREFIX}" prefix; the whole string is the secret: ${RIGHT_WAY}` });
  }
  for (const suffix of ["\n", "\r\n", " "]) {
    list.push({
      key: utf8(secret + suffix),
      hint: `your REQIO_SECRET value ends with whitespace (${JSON.stringify(suffix)}); trim it in your environment file`,
    });
  }
  list.push({ key: utf8(secret.trim()), hint: `your server signed with the trimmed secret; ${RIGHT_WAY}` });
  return list.filter((mistake) => mistake.key.length > 0);
}

/** The hint for a known key-derivation mistake, or null when none of them explains the signature. */
export async function diagnoseSignatureMistake(token: string, secret: string): Promise<string | null> {
  for (const mistake of mistakes(secret)) {
    if (hs256Matches(token, mistake.key)) return mistake.hint;
  }
  return null;
}
