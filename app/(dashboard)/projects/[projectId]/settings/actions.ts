"use server";
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { projectAction } from "@/lib/actions/guarded-actions";
import { deleteProject, renameProject } from "@/lib/projects/projects";
import { projectNameSchema } from "@/lib/projects/project-name";
import { reloadProjectVerification } from "@/lib/identity/project-keys";
import { success } from "@/lib/result";

export const renameProjectAction = projectAction(
  { name: "renameProject", permission: "project:rename" },
  z.object({ name: projectNameSchema }),
  async (input, { access, actor }) => {
    await renameProject({ teamId: access.team.id, projectId: access.project.id, name: input.name, actor });
    revalidatePath("/", "layout");
    return success({ name: input.name }, `Renamed to ${input.name}.`);
  },
);

/** It breaks the customer's production at once: a fresh password, like rotating the secret. */
export const deleteProjectAction = projectAction(
  { name: "deleteProject", permission: "project:delete", reauth: true },
  z.object({ confirmation: z.string().max(200) }),
  async (input, { access, actor }) => {
    await deleteProject({ teamId: access.team.id, projectId: access.project.id, confirmation: input.confirmation, actor });
    await reloadProjectVerification(access.project.id);
    revalidatePath("/", "layout");
    // The project's pages 404 from now on, so leave them on the server's side of the round trip.
    redirect(`/teams/${access.team.id}`);
  },
);
