import { z } from "zod";

export const TEAM_NAME_MAX = 64;

/** Shared by create and rename, like the project name. */
export const teamNameSchema = z
  .string({ error: "Enter a team name." })
  .transform((value) => value.trim().replace(/\s+/g, " "))
  .pipe(
    z
      .string()
      .min(1, "Enter a team name.")
      .max(TEAM_NAME_MAX, `Use at most ${TEAM_NAME_MAX} characters for the team name.`)
      .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "The team name can't contain control characters."),
  );
