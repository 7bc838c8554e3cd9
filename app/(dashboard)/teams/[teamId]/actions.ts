"use server";
import { z } from "zod";
import { authenticatedAction } from "@/lib/actions/define-action";
import { authorizeTeam } from "@/lib/authz/access";
import { actorFor } from "@/lib/auth/session";
import { createProject } from "@/lib/projects/projects";
import { projectNameSchema } from "@/lib/projects/project-name";
import { success } from "@/lib/result";

const CreateProjectInput = z.object({ teamId: z.string().min(1).max(64), name: projectNameSchema });

export const createProjectAction = authenticatedAction("createProject", CreateProjectInput, async (input, user) => {
  const access = await authorizeTeam(user.id, input.teamId, "project:create");
  if (!access.ok) return access;
  const project = await createProject({ teamId: access.team.id, name: input.name, actor: await actorFor(user) });
  return success({ projectId: project.id }, `Created ${project.name}.`);
});
