export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON_PASSWORDS = new Set([
  "password", "password1", "password12", "password123", "password1234", "1234567890", "12345678910",
  "qwertyuiop", "qwerty1234", "qwerty12345", "iloveyou12", "letmein123", "welcome123", "admin12345",
  "abcdefghij", "abc1234567", "1q2w3e4r5t", "changeme123", "passw0rd12",
]);

/** The password as it is hashed and as the policy judges it: NFKC, so "ｐａｓｓｗｏｒｄ１２３" is "password123". */
export function normalizePassword(password: string): string {
  return password.normalize("NFKC");
}

/** User-perceived characters: "é" typed as e + combining accent, or a ZWJ emoji sequence, is one. */
const graphemes = (text: string) => Array.from(new Intl.Segmenter("en", { granularity: "grapheme" }).segment(text), ({ segment }) => segment);

/**
 * Returns why a password is too weak, or null if it is acceptable (NIST 800-63B: length + blocklist),
 * judged on exactly what is hashed.
 */
export function passwordWeakness(password: string, email: string): string | null {
  const normalized = normalizePassword(password);
  const characters = graphemes(normalized);
  if (characters.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (characters.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lower = normalized.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return "That password is on the list of most common passwords; choose another.";
  if (new Set(graphemes(lower)).size < 4) return "That password repeats too few different characters; choose another.";
  const localPart = email.split("@")[0]?.toLowerCase() ?? "";
  if (localPart.length >= 4 && lower.includes(localPart)) return "Don't use your email address in your password.";
  return null;
}
