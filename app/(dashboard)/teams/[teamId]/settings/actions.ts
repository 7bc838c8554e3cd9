"use server";
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authenticatedAction } from "@/lib/actions/define-action";
import { authorizeTeam } from "@/lib/authz/access";
import { actorFor } from "@/lib/auth/session";
import { deleteTeam, renameTeam } from "@/lib/teams/teams";
import { teamNameSchema } from "@/lib/teams/team-name";
import { success } from "@/lib/result";

export const renameTeamAction = authenticatedAction(
  "renameTeam",
  z.object({ teamId: z.string().min(1).max(64), name: teamNameSchema }),
  async (input, user) => {
    const access = await authorizeTeam(user.id, input.teamId, "team:rename");
    if (!access.ok) return access;
    await renameTeam({ teamId: access.team.id, name: input.name, actor: await actorFor(user) });
    revalidatePath("/", "layout");
    return success({ name: input.name }, `Renamed to ${input.name}.`);
  },
);

export const deleteTeamAction = authenticatedAction(
  "deleteTeam",
  z.object({ teamId: z.string().min(1).max(64), confirmation: z.string().max(200) }),
  async (input, user) => {
    const access = await authorizeTeam(user.id, input.teamId, "team:delete");
    if (!access.ok) return access;
    await deleteTeam({ teamId: access.team.id, confirmation: input.confirmation, actor: await actorFor(user) });
    revalidatePath("/", "layout");
    redirect("/"); // the team's pages 404 from now on
  },
);
