"use server";
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { actionRateLimit, projectAction } from "@/lib/actions/guarded-actions";
import { revealIdentitySecret } from "@/lib/identity/secret-store";
import { expirePreviousSecret, rotateIdentitySecret } from "@/lib/identity/secret-rotation";
import { GRACE_PERIOD_IDS } from "@/lib/identity/grace-period";
import { highlightedEnvSnippet } from "@/lib/identity/identity-page-data";
import { reloadProjectVerification } from "@/lib/identity/project-keys";
import { checkExpiryConfirmation, EXPIRY_CONFIRMATION_REQUIRED } from "@/lib/identity/secret-usage";
import { debugIdentityToken, mintTestToken, type DebugResult } from "@/lib/identity/token-debugger";
import { coded, success, type ActionResult } from "@/lib/result";
import type { SecretView } from "@/lib/identity/secret-view";

const NoInput = z.object({});
const identityPath = (projectId: string) => `/projects/${projectId}/settings/identity`;
const revealLimit = actionRateLimit({
  keyPrefix: "reveal:user",
  points: 20,
  durationSeconds: 60 * 60,
  refusal: (retryAfter) => `You've revealed secrets 20 times in the last hour. Try again in ${retryAfter}.`,
});

export const revealIdentitySecretAction = projectAction(
  { name: "revealIdentitySecret", permission: "secret:reveal", environment: true, reauth: true, verifiedEmail: true, rateLimit: revealLimit },
  NoInput,
  async (_input, { access, actor, environment }) => {
    const { secret, summary } = await revealIdentitySecret({ projectId: access.project.id, teamId: access.team.id, environment, actor });
    return success<SecretView>({ secretId: summary.id, secret, envSnippetHtml: await highlightedEnvSnippet(secret, environment) });
  },
);

export const rotateIdentitySecretAction = projectAction(
  { name: "rotateIdentitySecret", permission: "secret:rotate", environment: true, reauth: true, verifiedEmail: true },
  z.object({
    expectedSecretId: z.string().min(1).max(64),
    grace: z.enum(GRACE_PERIOD_IDS, { error: "Choose when the current secret stops working: immediately, in 1 hour, in 24 hours or in 7 days." }),
  }),
  async (input, { access, actor, environment }) => {
    const { secret, summary, previousExpiresAt } = await rotateIdentitySecret({
      projectId: access.project.id,
      teamId: access.team.id,
      environment,
      expectedSecretId: input.expectedSecretId,
      grace: input.grace,
      actor,
    });
    await reloadProjectVerification(access.project.id); // this instance answers with the new keys from the next request on
    revalidatePath(identityPath(access.project.id));
    return success<SecretView>(
      { secretId: summary.id, secret, envSnippetHtml: await highlightedEnvSnippet(secret, environment) },
      previousExpiresAt
        ? "Secret rotated. Tokens signed with the previous secret keep verifying until its grace period ends: set this one as REQIO_SECRET on your servers."
        : "Secret rotated. The previous secret no longer verifies: set this one as REQIO_SECRET on your servers now.",
    );
  },
);

export const expirePreviousSecretAction = projectAction(
  { name: "expirePreviousSecret", permission: "secret:expire", environment: true, reauth: true },
  z.object({ previousSecretId: z.string().min(1).max(64), confirmation: z.string().max(200).optional() }),
  async (input, { access, actor, environment }) => {
    const projectId = access.project.id;
    const confirmed = await checkExpiryConfirmation({ projectId, environment, previousSecretId: input.previousSecretId, confirmation: input.confirmation });
    if (!confirmed.ok) return { ...coded(EXPIRY_CONFIRMATION_REQUIRED, confirmed.message), fieldErrors: { confirmation: confirmed.message } };
    await expirePreviousSecret({ projectId, teamId: access.team.id, environment, expectedSecretId: input.previousSecretId, actor });
    await reloadProjectVerification(access.project.id);
    revalidatePath(identityPath(access.project.id));
    return success(null, "The previous secret has expired: tokens signed with it are rejected from now on.");
  },
);

const debuggerUse = (generated: boolean) => (_input: unknown, result: ActionResult<unknown>) =>
  result.ok ? { action: "token_debugger.used" as const, details: { outcome: (result.data as DebugResult).report.code ?? "ok", generated } } : null;

/** Members may use the debugger too: it never shows the secret, and the token is neither stored nor logged. */
export const debugIdentityTokenAction = projectAction(
  { name: "debugIdentityToken", permission: "token:debug", audit: debuggerUse(false) },
  z.object({ token: z.string().max(1_100_000, "That's over 1 MB; a token is at most 8 KB.") }),
  async (input, { access }) => {
    const report = await debugIdentityToken(access.project.id, input.token);
    // A pasted secret is never sent back to the page: the field is emptied instead.
    return success<DebugResult>({ token: report.cause === "looks_like_secret" ? "" : input.token, report });
  },
);

export const generateTestTokenAction = projectAction(
  { name: "generateTestToken", permission: "token:debug", environment: true, audit: debuggerUse(true) },
  NoInput,
  async (_input, { access, environment }) => {
    const token = await mintTestToken(access.project.id, environment);
    return success<DebugResult>({ token, report: await debugIdentityToken(access.project.id, token) });
  },
);
