"use server";
import { z } from "zod";
import { publicAction } from "@/lib/actions/guarded-actions";
import { registerUser } from "@/lib/auth/credentials";
import { sendVerificationEmail } from "@/lib/account/email-verification";
import { requestContext } from "@/lib/http/request-context";
import { success } from "@/lib/result";
import { personNameSchema } from "@/lib/validation/person-name";

const SignUpInput = z.object({
  name: personNameSchema,
  email: z.string().trim().max(254, "That email address is too long.").pipe(z.email("Enter a valid email address.")),
  password: z.string().min(1, "Choose a password."),
});

/** Open to anonymous callers by design: it creates the account and its first team, and emails a verification link if it can. */
export const signUpAction = publicAction({ name: "signUp" }, SignUpInput, async (input) => {
  const { userId, email } = await registerUser({ ...input, ip: (await requestContext()).ip });
  await sendVerificationEmail({ id: userId, email });
  return success(null);
});
