"use server";
import { z } from "zod";
import { publicAction } from "@/lib/actions/guarded-actions";
import { resetPassword } from "@/lib/account/password-reset";
import { requestContext } from "@/lib/http/request-context";
import { success } from "@/lib/result";

/** Open to anonymous callers by design: the link's token is the whole permission. */
export const resetPasswordAction = publicAction(
  { name: "resetPassword" },
  z.object({ token: z.string().max(100), newPassword: z.string().min(1, "Choose a new password.").max(1024) }),
  async (input) => {
    const { ip, userAgent } = await requestContext();
    await resetPassword({ token: input.token, newPassword: input.newPassword, ip, userAgent: userAgent ?? "" });
    return success(null, "Password changed. Every session of your account was signed out: sign in with the new password.");
  },
);
