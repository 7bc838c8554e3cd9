/** Renders untrusted values for human messages: bounded length, quoted, control characters escaped. */

const MAX_SHOWN_CHARS = 100;

export function showValue(value: unknown): string {
  if (typeof value === "string") {
    const shown = value.length > MAX_SHOWN_CHARS ? `${value.slice(0, MAX_SHOWN_CHARS)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "a number too large to represent";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return String(value);
}

/** Length in Unicode code points ("characters"), so an emoji counts once. */
export function codePointLength(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/** ISO-8601 form of an epoch-seconds value, or a fallback when it is outside the Date range. */
export function isoTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? "outside the representable date range" : date.toISOString();
}

export function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}
