"use server";
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { teamAction } from "@/lib/actions/guarded-actions";
import { deleteTeam, renameTeam, setMembersRevealDevelopmentSecret } from "@/lib/teams/teams";
import { teamNameSchema } from "@/lib/teams/team-name";
import { success } from "@/lib/result";

export const renameTeamAction = teamAction(
  { name: "renameTeam", permission: "team:rename" },
  z.object({ name: teamNameSchema }),
  async (input, { access, actor }) => {
    await renameTeam({ teamId: access.team.id, name: input.name, actor });
    revalidatePath("/", "layout");
    return success({ name: input.name }, `Renamed to ${input.name}.`);
  },
);

export const setDevelopmentSecretAccessAction = teamAction(
  { name: "setDevelopmentSecretAccess", permission: "team:development-access" },
  z.object({ membersMayReveal: z.enum(["yes", "no"], { error: "Choose whether members may reveal the development secret." }) }),
  async (input, { access, actor }) => {
    const allowed = input.membersMayReveal === "yes";
    await setMembersRevealDevelopmentSecret({ teamId: access.team.id, allowed, actor });
    revalidatePath("/", "layout");
    return success(
      { allowed },
      allowed ? "Members can now reveal each project's development secret." : "Only owners and admins can reveal development secrets now.",
    );
  },
);

export const deleteTeamAction = teamAction(
  { name: "deleteTeam", permission: "team:delete" },
  z.object({ confirmation: z.string().max(200) }),
  async (input, { access, actor }) => {
    await deleteTeam({ teamId: access.team.id, confirmation: input.confirmation, actor });
    revalidatePath("/", "layout");
    redirect("/"); // the team's pages 404 from now on
  },
);
