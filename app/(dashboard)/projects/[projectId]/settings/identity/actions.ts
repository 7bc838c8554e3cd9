"use server";
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { authenticatedAction } from "@/lib/actions/define-action";
import { authorizeProject } from "@/lib/authz/access";
import { actorFor } from "@/lib/auth/session";
import { confirmPassword, hasRecentReauth, REAUTH_REQUIRED } from "@/lib/auth/reauth";
import { recordAuditEvent } from "@/lib/audit/audit-log";
import { db } from "@/lib/db";
import { revealIdentitySecret } from "@/lib/identity/secret-store";
import { expirePreviousSecret, rotateIdentitySecret } from "@/lib/identity/secret-rotation";
import { GRACE_PERIOD_IDS } from "@/lib/identity/grace-period";
import { highlightedEnvSnippet } from "@/lib/identity/identity-page-data";
import { forgetProjectVerification } from "@/lib/identity/project-keys";
import { checkExpiryConfirmation, EXPIRY_CONFIRMATION_REQUIRED } from "@/lib/identity/secret-usage";
import { debugIdentityToken, mintTestToken, type TokenDebugReport } from "@/lib/identity/token-debugger";
import { coded, failure, success } from "@/lib/result";
import type { SecretView } from "@/lib/identity/secret-view";

const ProjectInput = z.object({ projectId: z.string().min(1).max(64) });
const identityPath = (projectId: string) => `/projects/${projectId}/settings/identity`;
const needsPassword = () => coded(REAUTH_REQUIRED, "Confirm your password to continue.");

export const revealIdentitySecretAction = authenticatedAction("revealIdentitySecret", ProjectInput, async (input, user) => {
  const access = await authorizeProject(user.id, input.projectId, "secret:reveal");
  if (!access.ok) return access;
  if (!(await hasRecentReauth(user.id))) return needsPassword();
  const { secret, summary } = await revealIdentitySecret({ projectId: access.project.id, teamId: access.team.id, actor: await actorFor(user) });
  return success<SecretView>({ secretId: summary.id, secret, envSnippetHtml: await highlightedEnvSnippet(secret) });
});

export const rotateIdentitySecretAction = authenticatedAction(
  "rotateIdentitySecret",
  ProjectInput.extend({
    expectedSecretId: z.string().min(1).max(64),
    grace: z.enum(GRACE_PERIOD_IDS, { error: "Choose when the current secret stops working: immediately, in 1 hour, in 24 hours or in 7 days." }),
  }),
  async (input, user) => {
    const access = await authorizeProject(user.id, input.projectId, "secret:rotate");
    if (!access.ok) return access;
    if (!(await hasRecentReauth(user.id))) return needsPassword();
    const { secret, summary, previousExpiresAt } = await rotateIdentitySecret({
      projectId: access.project.id,
      teamId: access.team.id,
      expectedSecretId: input.expectedSecretId,
      grace: input.grace,
      actor: await actorFor(user),
    });
    forgetProjectVerification(access.project.id); // this instance uses the new keys from the next request on
    revalidatePath(identityPath(access.project.id));
    return success<SecretView>(
      { secretId: summary.id, secret, envSnippetHtml: await highlightedEnvSnippet(secret) },
      previousExpiresAt
        ? "Secret rotated. Tokens signed with the previous secret keep verifying until its grace period ends: set this one as REQIO_SECRET on your servers."
        : "Secret rotated. The previous secret no longer verifies: set this one as REQIO_SECRET on your servers now.",
    );
  },
);

export const expirePreviousSecretAction = authenticatedAction(
  "expirePreviousSecret",
  ProjectInput.extend({ previousSecretId: z.string().min(1).max(64), confirmation: z.string().max(200).optional() }),
  async (input, user) => {
    const access = await authorizeProject(user.id, input.projectId, "secret:expire");
    if (!access.ok) return access;
    if (!(await hasRecentReauth(user.id))) return needsPassword();
    const confirmed = await checkExpiryConfirmation({ projectId: access.project.id, previousSecretId: input.previousSecretId, confirmation: input.confirmation });
    if (!confirmed.ok) return { ...coded(EXPIRY_CONFIRMATION_REQUIRED, confirmed.message), fieldErrors: { confirmation: confirmed.message } };
    await expirePreviousSecret({ projectId: access.project.id, teamId: access.team.id, expectedSecretId: input.previousSecretId, actor: await actorFor(user) });
    forgetProjectVerification(access.project.id);
    revalidatePath(identityPath(access.project.id));
    return success(null, "The previous secret has expired: tokens signed with it are rejected from now on.");
  },
);

export const confirmPasswordAction = authenticatedAction(
  "confirmPassword",
  ProjectInput.extend({ password: z.string().min(1, "Enter your password.").max(1024) }),
  async (input, user) => {
    const access = await authorizeProject(user.id, input.projectId, "project:view");
    if (!access.ok) return access;
    const confirmed = await confirmPassword(user.id, input.password);
    await recordAuditEvent(db, {
      teamId: access.team.id,
      projectId: access.project.id,
      actor: await actorFor(user),
      action: confirmed ? "reauth.confirmed" : "reauth.failed",
    });
    if (!confirmed) return failure("That password is wrong.", { password: "That password is wrong." });
    return success(null);
  },
);

type DebugResult = { token: string; report: TokenDebugReport };

/** Members may use the debugger too: it never shows the secret, and the token is neither stored nor logged. */
export const debugIdentityTokenAction = authenticatedAction(
  "debugIdentityToken",
  ProjectInput.extend({ token: z.string().max(1_100_000, "That's over 1 MB; a token is at most 8 KB.") }),
  async (input, user) => {
    const access = await authorizeProject(user.id, input.projectId, "token:debug");
    if (!access.ok) return access;
    const report = await debugIdentityToken(access.project.id, input.token);
    await recordAuditEvent(db, {
      teamId: access.team.id, projectId: access.project.id, actor: await actorFor(user), action: "token_debugger.used",
      details: { outcome: report.code ?? "ok", generated: false },
    });
    // A pasted secret is never sent back to the page: the field is emptied instead.
    return success<DebugResult>({ token: report.cause === "looks_like_secret" ? "" : input.token, report });
  },
);

export const generateTestTokenAction = authenticatedAction("generateTestToken", ProjectInput, async (input, user) => {
  const access = await authorizeProject(user.id, input.projectId, "token:debug");
  if (!access.ok) return access;
  const token = await mintTestToken(access.project.id);
  const report = await debugIdentityToken(access.project.id, token);
  await recordAuditEvent(db, {
    teamId: access.team.id, projectId: access.project.id, actor: await actorFor(user), action: "token_debugger.used",
    details: { outcome: report.code ?? "ok", generated: true },
  });
  return success<DebugResult>({ token, report });
});
