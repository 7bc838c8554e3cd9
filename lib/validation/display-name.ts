import { z } from "zod";

/** C0/C1 controls, and the bidi embeddings, overrides and isolates that make "exe.txt" read "txt.exe". */
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * The one rule for a human-chosen name (a person, team or project): whitespace collapsed, 1..max
 * characters, no control or text-direction characters. `subject` names it in every message:
 * { a: "a team name", the: "the team name" } gives "Enter a team name.".
 */
export function displayNameSchema(subject: { a: string; the: string }, max: number) {
  const The = subject.the.charAt(0).toUpperCase() + subject.the.slice(1);
  return z
    .string({ error: `Enter ${subject.a}.` })
    // Checked before whitespace is collapsed: a line break or tab is refused, not quietly made a space.
    .refine((value) => !FORBIDDEN.test(value), `${The} can't contain control or text-direction characters.`)
    .transform((value) => value.trim().replace(/\s+/g, " "))
    .pipe(z.string().min(1, `Enter ${subject.a}.`).max(max, `Use at most ${max} characters for ${subject.the}.`));
}
