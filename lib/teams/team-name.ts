import { displayNameSchema } from "@/lib/validation/display-name";

export const TEAM_NAME_MAX = 64;

/** Shared by create and rename. */
export const teamNameSchema = displayNameSchema({ a: "a team name", the: "the team name" }, TEAM_NAME_MAX);

const FIRST_TEAM_SUFFIX = "'s team";

/** The team sign-up creates: "Ada's team", the name shortened with "…" when the whole would be too long. */
export function firstTeamName(personName: string): string {
  if (personName.length + FIRST_TEAM_SUFFIX.length <= TEAM_NAME_MAX) return `${personName}${FIRST_TEAM_SUFFIX}`;
  let kept = "";
  for (const character of personName) {
    if (kept.length + character.length > TEAM_NAME_MAX - FIRST_TEAM_SUFFIX.length - 1) break; // never split a surrogate pair
    kept += character;
  }
  return `${kept.trimEnd()}…${FIRST_TEAM_SUFFIX}`;
}
