"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { accountAction } from "@/lib/actions/guarded-actions";
import { changePassword } from "@/lib/account/change-password";
import { revokeSession, signOutEverywhere } from "@/lib/account/sessions";
import { resendVerificationEmail } from "@/lib/account/email-verification";
import { success } from "@/lib/result";

// These act on the signed-in user only, never on a team's resources: the session is the whole permission.

export const changePasswordAction = accountAction(
  { name: "changePassword" },
  z.object({
    currentPassword: z.string().min(1, "Enter your current password.").max(1024),
    newPassword: z.string().min(1, "Choose a new password.").max(1024),
  }),
  async (input, { actor }) => {
    await changePassword({ actor, currentPassword: input.currentPassword, newPassword: input.newPassword });
    // Every session, this one included, is now stale; the form signs this browser in again.
    return success(null, "Password changed. Every other session was signed out.");
  },
);

export const signOutEverywhereAction = accountAction({ name: "signOutEverywhere" }, z.object({}), async (_input, { actor }) => {
  await signOutEverywhere(actor);
  return success(null, "Signed out of all sessions.");
});

/** Ends one of the user's other sessions: that browser is signed out at its next request. */
export const revokeSessionAction = accountAction(
  { name: "revokeSession" },
  z.object({ sessionId: z.string().min(1).max(64) }),
  async (input, { actor }) => {
    await revokeSession(actor, input.sessionId);
    revalidatePath("/account");
    return success(null, "Session signed out.");
  },
);

export const resendVerificationAction = accountAction({ name: "resendVerification" }, z.object({}), async (_input, { user }) => {
  await resendVerificationEmail(user);
  return success(null, `We emailed a new link to ${user.email}.`);
});
