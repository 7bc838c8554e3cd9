"use server";
import { z } from "zod";
import { publicAction } from "@/lib/actions/guarded-actions";
import { verifyEmail } from "@/lib/account/email-verification";
import { success } from "@/lib/result";

/** Open to anonymous callers by design: the link's token is the whole permission (it may be opened on another device). */
export const verifyEmailAction = publicAction({ name: "verifyEmail" }, z.object({ token: z.string().max(100) }), async (input) => {
  const { email } = await verifyEmail(input.token);
  return success(null, `${email} is verified.`);
});
