import { displayNameSchema } from "@/lib/validation/display-name";

export const TEAM_NAME_MAX = 64;

/** Shared by create and rename. */
export const teamNameSchema = displayNameSchema("team", TEAM_NAME_MAX);
