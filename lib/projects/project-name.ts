import { z } from "zod";

export const PROJECT_NAME_MAX = 64;

/** Shared by create and rename so both refuse the same names with the same words. */
export const projectNameSchema = z
  .string({ error: "Enter a project name." })
  .transform((value) => value.trim().replace(/\s+/g, " "))
  .pipe(
    z
      .string()
      .min(1, "Enter a project name.")
      .max(PROJECT_NAME_MAX, `Use at most ${PROJECT_NAME_MAX} characters for the project name.`)
      .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "The project name can't contain control characters."),
  );
