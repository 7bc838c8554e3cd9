/**
 * Parses a JWT header or payload: valid JSON, a JSON object (not an array, null, number or string)
 * and no duplicate member names at any depth. JSON.parse silently keeps the last duplicate, so
 * `{"sub":"admin","sub":"user_1"}` could be read differently by another parser; we refuse it.
 * JSON.parse itself never pollutes prototypes: a "__proto__" member becomes an own data property.
 */

export type JsonObjectParse =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; problem: "not_json" | "not_object" | "duplicate_key"; detail: string };

export function parseJsonObject(text: string): JsonObjectParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: "not_json", detail: "is not valid JSON" };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const kind = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
    return { ok: false, problem: "not_object", detail: `is ${kind}, not a JSON object` };
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate !== null) {
    return { ok: false, problem: "duplicate_key", detail: `contains the member ${JSON.stringify(duplicate)} twice` };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/**
 * Scans JSON text that JSON.parse has already accepted and returns the first member name that
 * repeats within one object (after unescaping, so "s\u0075b" equals "sub"), or null.
 */
export function findDuplicateKey(text: string): string | null {
  const objects: Array<Set<string> | null> = []; // null marks an array level
  let expectingKey = false;
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '"') {
      let end = index + 1;
      let escaped = false;
      while (end < text.length && text[end] !== '"') {
        if (text[end] === "\\") escaped = true;
        end += text[end] === "\\" ? 2 : 1;
      }
      const keys = objects[objects.length - 1];
      if (expectingKey && keys) {
        // Only a name with escapes needs JSON.parse to be compared as its unescaped value.
        const key = escaped ? (JSON.parse(text.slice(index, end + 1)) as string) : text.slice(index + 1, end);
        if (keys.has(key)) return key;
        keys.add(key);
        expectingKey = false;
      }
      index = end + 1;
      continue;
    }
    if (char === "{") {
      objects.push(new Set());
      expectingKey = true;
    } else if (char === "[") {
      objects.push(null);
      expectingKey = false;
    } else if (char === "}" || char === "]") {
      objects.pop();
      expectingKey = false;
    } else if (char === ",") {
      expectingKey = objects[objects.length - 1] instanceof Set;
    } else if (char === ":") {
      expectingKey = false;
    }
    index++;
  }
  return null;
}
