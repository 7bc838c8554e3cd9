"use server";
import { z } from "zod";
import { publicAction } from "@/lib/actions/guarded-actions";
import { requestPasswordReset, RESET_REQUESTED } from "@/lib/account/password-reset";
import { requestContext } from "@/lib/http/request-context";
import { success } from "@/lib/result";

/** Open to anonymous callers by design: it answers the same whether or not the address has an account. */
export const requestPasswordResetAction = publicAction(
  { name: "requestPasswordReset" },
  z.object({ email: z.string().trim().max(254, "That email address is too long.").pipe(z.email("Enter a valid email address.")) }),
  async (input) => {
    await requestPasswordReset({ email: input.email, ip: (await requestContext()).ip });
    return success(null, RESET_REQUESTED);
  },
);
