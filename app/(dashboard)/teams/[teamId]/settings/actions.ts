"use server";
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { teamAction } from "@/lib/actions/guarded-actions";
import { deleteTeam, renameTeam, setMembersRevealDevelopmentSecret, setSecondFactorRequirement } from "@/lib/teams/teams";
import { hasSecondFactor } from "@/lib/auth/second-factor/user-factors";
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

/** Loosening it needs a fresh step-up too: a session left open must not be able to switch it off. */
export const setSecondFactorRequirementAction = teamAction(
  { name: "setSecondFactorRequirement", permission: "team:second-factor-requirement", reauth: true },
  z.object({ required: z.enum(["yes", "no"], { error: "Choose whether the team requires a second factor." }) }),
  async (input, { access, actor, user }) => {
    const required = input.required === "yes";
    await setSecondFactorRequirement({ teamId: access.team.id, required, actor, actorHasSecondFactor: await hasSecondFactor(user.id) });
    revalidatePath("/", "layout");
    return success(
      { required },
      required ? "Revealing, rotating and expiring secrets in this team now need a second factor." : "The team no longer requires a second factor.",
    );
  },
);

export const deleteTeamAction = teamAction(
  { name: "deleteTeam", permission: "team:delete", reauth: true },
  z.object({ confirmation: z.string().max(200) }),
  async (input, { access, actor }) => {
    await deleteTeam({ teamId: access.team.id, confirmation: input.confirmation, actor });
    revalidatePath("/", "layout");
    redirect("/"); // the team's pages 404 from now on
  },
);
