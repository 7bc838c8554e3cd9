"use server";
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { authenticatedAction } from "@/lib/actions/define-action";
import { authorizeProject } from "@/lib/auth/access";
import { actorFor } from "@/lib/auth/session";
import { revealIdentitySecret, rotateIdentitySecret } from "@/lib/identity/secret-store";
import { highlightedEnvSnippet } from "@/lib/identity/identity-page-data";
import { success } from "@/lib/result";
import type { SecretView } from "@/lib/identity/secret-view";

const ProjectInput = z.object({ projectId: z.string().min(1).max(64) });

export const revealIdentitySecretAction = authenticatedAction("revealIdentitySecret", ProjectInput, async (input, user) => {
  const access = await authorizeProject(user.id, input.projectId, "secret:reveal");
  if (!access.ok) return access;
  const { secret, summary } = await revealIdentitySecret({
    projectId: access.project.id,
    teamId: access.team.id,
    actor: await actorFor(user),
  });
  return success<SecretView>({ secretId: summary.id, secret, envSnippetHtml: await highlightedEnvSnippet(secret) });
});

/** Hiding needs no secret; it's a server round trip so the page state and server agree. */
export const hideIdentitySecretAction = authenticatedAction("hideIdentitySecret", ProjectInput, async (input, user) => {
  const access = await authorizeProject(user.id, input.projectId, "project:view");
  if (!access.ok) return access;
  return success(null);
});

export const rotateIdentitySecretAction = authenticatedAction(
  "rotateIdentitySecret",
  ProjectInput.extend({ expectedSecretId: z.string().min(1).max(64) }),
  async (input, user) => {
    const access = await authorizeProject(user.id, input.projectId, "secret:rotate");
    if (!access.ok) return access;
    const { secret, summary } = await rotateIdentitySecret({
      projectId: access.project.id,
      teamId: access.team.id,
      expectedSecretId: input.expectedSecretId,
      actor: await actorFor(user),
    });
    revalidatePath(`/projects/${access.project.id}/settings/identity`);
    return success<SecretView>(
      { secretId: summary.id, secret, envSnippetHtml: await highlightedEnvSnippet(secret) },
      "Secret rotated. The previous secret no longer verifies: set this one as REQIO_SECRET on your servers now.",
    );
  },
);
