"use server";
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { authenticatedAction } from "@/lib/actions/define-action";
import { actorFor } from "@/lib/auth/session";
import { createTeam } from "@/lib/teams/teams";
import { teamNameSchema } from "@/lib/teams/team-name";
import { success } from "@/lib/result";

/**
 * The one team action with no team to authorize against: any signed-in user may start a team, and
 * becomes its owner. (authenticatedAction already refused anonymous callers.)
 */
export const createTeamAction = authenticatedAction("createTeam", z.object({ name: teamNameSchema }), async (input, user) => {
  const team = await createTeam({ name: input.name, actor: await actorFor(user) });
  revalidatePath("/", "layout");
  return success({ teamId: team.id }, `Created ${team.name}.`);
});
