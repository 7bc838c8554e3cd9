"use server";
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { authenticatedAction } from "@/lib/actions/define-action";
import { authorizeProject } from "@/lib/auth/access";
import { actorFor } from "@/lib/auth/session";
import { revealIdentitySecret, rotateIdentitySecret } from "@/lib/identity/secret-store";
import { highlightedEnvSnippet } from "@/lib/identity/identity-page-data";
import { success } from "@/lib/result";
import { forgetProjectVerification } from "@/lib/identity/project-keys";
import { debugIdentityToken, mintTestToken, type TokenDebugReport } from "@/lib/identity/token-debugger";
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
    forgetProjectVerification(access.project.id); // this instance rejects the old secret from the next request on
    revalidatePath(`/projects/${access.project.id}/settings/identity`);
    return success<SecretView>(
      { secretId: summary.id, secret, envSnippetHtml: await highlightedEnvSnippet(secret) },
      "Secret rotated. The previous secret no longer verifies: set this one as REQIO_SECRET on your servers now.",
    );
  },
);

/** Members may use the debugger too: it never shows the secret, and the token is neither stored nor logged. */
export const debugIdentityTokenAction = authenticatedAction(
  "debugIdentityToken",
  ProjectInput.extend({ token: z.string().max(1_100_000, "That's over 1 MB; a token is at most 8 KB.") }),
  async (input, user) => {
    const access = await authorizeProject(user.id, input.projectId, "token:debug");
    if (!access.ok) return access;
    return success<{ token: string; report: TokenDebugReport }>({ token: input.token, report: await debugIdentityToken(access.project.id, input.token) });
  },
);

export const generateTestTokenAction = authenticatedAction("generateTestToken", ProjectInput, async (input, user) => {
  const access = await authorizeProject(user.id, input.projectId, "token:debug");
  if (!access.ok) return access;
  const token = await mintTestToken(access.project.id);
  return success<{ token: string; report: TokenDebugReport }>({ token, report: await debugIdentityToken(access.project.id, token) });
});
