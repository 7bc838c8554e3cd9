/**
 * Characters that are never part of a real user id, email or plan name and that corrupt what we show:
 * control characters break logs and CSV, bidirectional controls make text read backwards (U+202E),
 * and a lone surrogate is not text at all (it can't be stored as UTF-8).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f]|[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const codePoint = (char: string) => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;

/** What the first unsafe character is ("a bidirectional control (U+202E)"), or null when there is none. */
export function unsafeCharacterIn(value: string): string | null {
  const found = UNSAFE.exec(value)?.[0];
  if (found === undefined) return null;
  const unit = found.charCodeAt(0);
  if (unit >= 0xd800 && unit <= 0xdfff) return `a lone surrogate (${codePoint(found)}): the string is not valid Unicode`;
  if (unit <= 0x1f || (unit >= 0x7f && unit <= 0x9f)) return `a control character (${codePoint(found)})`;
  return `a bidirectional control (${codePoint(found)}) that would make the text display out of order`;
}
