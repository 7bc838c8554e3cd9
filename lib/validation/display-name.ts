import { z } from "zod";

/**
 * A human-chosen name (project, team): whitespace collapsed, 1..max characters, no control characters.
 * `noun` goes into every message, e.g. "Enter a project name."
 */
export function displayNameSchema(noun: string, max: number) {
  return z
    .string({ error: `Enter a ${noun} name.` })
    .transform((value) => value.trim().replace(/\s+/g, " "))
    .pipe(
      z
        .string()
        .min(1, `Enter a ${noun} name.`)
        .max(max, `Use at most ${max} characters for the ${noun} name.`)
        .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), `The ${noun} name can't contain control characters.`),
    );
}
