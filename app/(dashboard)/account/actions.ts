"use server";
import { z } from "zod";
import { authenticatedAction } from "@/lib/actions/define-action";
import { actorFor } from "@/lib/auth/session";
import { changePassword } from "@/lib/account/change-password";
import { signOutEverywhere } from "@/lib/account/sessions";
import { success } from "@/lib/result";

// These act on the signed-in user only, never on a team's resources, so there is no team or project
// to authorize: the session authenticatedAction checks is the whole permission.

export const changePasswordAction = authenticatedAction(
  "changePassword",
  z.object({
    currentPassword: z.string().min(1, "Enter your current password.").max(1024),
    newPassword: z.string().min(1, "Choose a new password.").max(1024),
  }),
  async (input, user) => {
    await changePassword({ actor: await actorFor(user), currentPassword: input.currentPassword, newPassword: input.newPassword });
    // Every session, this one included, is now stale; the form signs this browser in again.
    return success(null, "Password changed. Every other session was signed out.");
  },
);

export const signOutEverywhereAction = authenticatedAction("signOutEverywhere", z.object({}), async (_input, user) => {
  await signOutEverywhere(await actorFor(user));
  return success(null, "Signed out of all sessions.");
});
