"use server";
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { accountAction } from "@/lib/actions/guarded-actions";
import { createTeam } from "@/lib/teams/teams";
import { teamNameSchema } from "@/lib/teams/team-name";
import { success } from "@/lib/result";

/** No team to authorize against: any signed-in user may start a team, and becomes its owner. */
export const createTeamAction = accountAction({ name: "createTeam" }, z.object({ name: teamNameSchema }), async (input, { actor }) => {
  const team = await createTeam({ name: input.name, actor });
  revalidatePath("/", "layout");
  return success({ teamId: team.id }, `Created ${team.name}.`);
});
