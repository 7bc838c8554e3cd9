/**
 * Base64 helpers.
 * - decodeBase64urlStrict: RFC 7515 compact parts — base64url alphabet only, no padding, no
 *   whitespace, and canonical (unused trailing bits must be zero, so one token has one spelling).
 *   Validated here, decoded by Buffer (native: it runs on every identify request).
 * - decodeBase64Lenient: mimics Node's forgiving Buffer.from(text, "base64") for the debugger's
 *   "did your server base64-decode the secret?" hint.
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const URL_VALUES = new Int8Array(128).fill(-1);
const ANY_VALUES = new Int8Array(128).fill(-1);
for (let index = 0; index < ALPHABET.length; index++) {
  URL_VALUES[ALPHABET.charCodeAt(index)] = index;
  ANY_VALUES[ALPHABET.charCodeAt(index)] = index;
}
ANY_VALUES["+".charCodeAt(0)] = 62;
ANY_VALUES["/".charCodeAt(0)] = 63;

function sextet(table: Int8Array, code: number): number {
  return code < 128 ? (table[code] ?? -1) : -1;
}

const STRICT_ALPHABET = /^[A-Za-z0-9_-]*$/;

/** Whether `part` is strict, canonical base64url, without decoding it. */
export function isStrictBase64url(part: string): boolean {
  const tail = part.length % 4;
  if (tail === 1 || !STRICT_ALPHABET.test(part)) return false;
  // Canonical: the last character's bits beyond the data (4 of them after 2 characters, 2 after 3) are zero.
  return tail === 0 || (sextet(URL_VALUES, part.charCodeAt(part.length - 1)) & (tail === 2 ? 0b1111 : 0b11)) === 0;
}

export function decodeBase64urlStrict(part: string): Buffer | null {
  return isStrictBase64url(part) ? Buffer.from(part, "base64url") : null;
}

export function decodeBase64Lenient(text: string): Uint8Array {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 61 /* "=" */) break;
    const value = sextet(ANY_VALUES, code);
    if (value < 0) continue;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
      buffer &= (1 << bits) - 1;
    }
  }
  return Uint8Array.from(bytes);
}

