/** One-line JSON logs. Callers pass facts; redact() is the backstop if a secret slips into a message. */
type Level = "info" | "warn" | "error";
type Fields = Record<string, string | number | boolean | null>;

const SECRET_LIKE = /rqio_sk_[0-9A-Za-z_]+/g; // production and development (rqio_sk_dev_…) alike
const JWT_LIKE = /eyJ[\w-]*\.[\w-]*\.[\w-]*/g;

// Taken when this module loads, which the server entry does before Next replaces the global Date with
// a wrapper that consults its async-context stores on every call.
const wallClock = Date.now;
const NativeDate = Date;
let stampedAt = NaN;
let stamp = "";

/** The current time as ISO 8601, computed at most once per millisecond (log lines come in bursts). */
export function logTimestamp(): string {
  const now = wallClock();
  if (now !== stampedAt) {
    stampedAt = now;
    stamp = new NativeDate(now).toISOString();
  }
  return stamp;
}

export function redact(text: string): string {
  return text.replace(SECRET_LIKE, "rqio_sk_[redacted]").replace(JWT_LIKE, "[redacted-token]");
}

/** One log line, redacted, without the newline. */
export function formatLogLine(level: Level, message: string, fields: Fields = {}): string {
  const safe: Fields = {};
  for (const [key, value] of Object.entries(fields)) safe[key] = typeof value === "string" ? redact(value) : value;
  return JSON.stringify({ time: logTimestamp(), level, message: redact(message), ...safe });
}

export function log(level: Level, message: string, fields: Fields = {}): void {
  const line = formatLogLine(level, message, fields);
  if (level === "error") console.error(line);
  else console.log(line);
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 500) : "non-Error thrown";
}
