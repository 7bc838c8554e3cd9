"use server";
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authenticatedAction } from "@/lib/actions/define-action";
import { authorizeProject } from "@/lib/authz/access";
import { actorFor } from "@/lib/auth/session";
import { hasRecentReauth, REAUTH_REQUIRED } from "@/lib/auth/reauth";
import { deleteProject, renameProject } from "@/lib/projects/projects";
import { projectNameSchema } from "@/lib/projects/project-name";
import { coded, success } from "@/lib/result";
import { forgetProjectVerification } from "@/lib/identity/project-keys";

const projectId = z.string().min(1).max(64);

export const renameProjectAction = authenticatedAction(
  "renameProject",
  z.object({ projectId, name: projectNameSchema }),
  async (input, user) => {
    const access = await authorizeProject(user.id, input.projectId, "project:rename");
    if (!access.ok) return access;
    await renameProject({ teamId: access.team.id, projectId: access.project.id, name: input.name, actor: await actorFor(user) });
    revalidatePath("/", "layout");
    return success({ name: input.name }, `Renamed to ${input.name}.`);
  },
);

export const deleteProjectAction = authenticatedAction(
  "deleteProject",
  z.object({ projectId, confirmation: z.string().max(200) }),
  async (input, user) => {
    const access = await authorizeProject(user.id, input.projectId, "project:delete");
    if (!access.ok) return access;
    // It breaks the customer's production at once: a fresh password, like rotating the secret.
    if (!(await hasRecentReauth(user.id))) return coded(REAUTH_REQUIRED, "Confirm your password to continue.");
    await deleteProject({
      teamId: access.team.id,
      projectId: access.project.id,
      confirmation: input.confirmation,
      actor: await actorFor(user),
    });
    forgetProjectVerification(access.project.id);
    revalidatePath("/", "layout");
    // The project's pages 404 from now on, so leave them on the server's side of the round trip.
    redirect(`/teams/${access.team.id}`);
  },
);
