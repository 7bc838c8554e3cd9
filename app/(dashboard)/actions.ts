"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/guarded-actions";
import { confirmCode, confirmPassword } from "@/lib/auth/reauth";
import { strongestFactor } from "@/lib/auth/second-factor/user-factors";
import { FACTOR_NAMES } from "@/lib/auth/second-factor/factors";
import { recordStepUpEvent } from "@/lib/account/step-up-audit";
import { WRONG_CODE_CODE, WRONG_PASSWORD } from "@/lib/actions/failure-codes";
import { coded, failure, success, UserFacingError } from "@/lib/result";
import { confirmPasskey, startPasskeyStepUp } from "@/lib/auth/second-factor/passkey-step-up";

// The step-up prompt's confirmations, shared by every dashboard page that has one (Identity, project and
// team settings, Account). Confirming is about the caller's own account, so the session is the permission;
// the page's project or team only says which log records the attempt.

const place = { projectId: z.string().max(64).optional(), teamId: z.string().max(64).optional() };

const strongerFactorFirst = (factor: string) => failure(`Your account has a ${factor}: confirm with it instead.`);

export const confirmPasswordAction = accountAction(
  { name: "confirmPassword" },
  z.object({ password: z.string().min(1, "Enter your password.").max(1024), ...place }),
  async ({ password, ...where }, { user, actor }) => {
    const strongest = await strongestFactor(user.id);
    if (strongest !== "password") return strongerFactorFirst(FACTOR_NAMES[strongest]);
    if (await confirmPassword(user.id, password)) {
      await recordStepUpEvent(actor, where, "reauth.confirmed");
      return success(null);
    }
    await recordStepUpEvent(actor, where, "reauth.failed");
    return { ...coded(WRONG_PASSWORD, "That password is wrong."), fieldErrors: { password: "That password is wrong." } };
  },
);

/** An authenticator-app code, or a recovery code in its place (for a lost phone or passkey). */
export const confirmCodeAction = accountAction(
  { name: "confirmCode" },
  z.object({ code: z.string().trim().min(1, "Enter the code.").max(64, "That's longer than any code we issue."), ...place }),
  async ({ code, ...where }, { user, actor }) => {
    const strongest = await strongestFactor(user.id);
    if (strongest === "password") return failure("Your account has no second factor: confirm with your password.");
    const proof = await confirmCode(user.id, code, strongest);
    if (proof) {
      await recordStepUpEvent(actor, where, "step_up.confirmed", { factor: proof });
      return success(null);
    }
    await recordStepUpEvent(actor, where, "step_up.failed", { factor: "code" });
    const message = strongest === "passkey" ? "That recovery code isn't right, or it was used before." : "That code isn't right, or it was used before. Enter the code your app shows now, or a recovery code.";
    return { ...coded(WRONG_CODE_CODE, message), fieldErrors: { code: message } };
  },
);

/** The options for the browser's passkey prompt (navigator.credentials.get): a challenge for the caller's own passkeys. */
export const passkeyStepUpOptionsAction = accountAction({ name: "passkeyStepUpOptions" }, z.object({ ...place }), async (_where, { user }) =>
  success(await startPasskeyStepUp(user.id)),
);

/** The browser's answer to that prompt (a JSON AuthenticationResponse): checked against the challenge and the stored key. */
export const confirmPasskeyAction = accountAction(
  { name: "confirmPasskey" },
  z.object({ response: z.string().min(1, "Your browser sent no passkey answer. Try again.").max(32_768, "That passkey answer is too long."), ...place }),
  async ({ response, ...where }, { user, actor }) => {
    try {
      await confirmPasskey(user.id, response);
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      await recordStepUpEvent(actor, where, "step_up.failed", { factor: "passkey" });
      return failure(error.message);
    }
    await recordStepUpEvent(actor, where, "step_up.confirmed", { factor: "passkey" });
    return success(null);
  },
);
