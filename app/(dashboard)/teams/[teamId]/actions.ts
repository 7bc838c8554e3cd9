"use server";
import { z } from "zod";
import { teamAction } from "@/lib/actions/guarded-actions";
import { createProject } from "@/lib/projects/projects";
import { projectNameSchema } from "@/lib/projects/project-name";
import { reloadProjectVerification } from "@/lib/identity/project-keys";
import { success } from "@/lib/result";

export const createProjectAction = teamAction(
  { name: "createProject", permission: "project:create" },
  z.object({ name: projectNameSchema }),
  async (input, { access, actor }) => {
    const project = await createProject({ teamId: access.team.id, name: input.name, actor });
    await reloadProjectVerification(project.id); // its first token needn't wait for a first load of the keys
    return success({ projectId: project.id }, `Created ${project.name}.`);
  },
);
