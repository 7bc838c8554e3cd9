"use server";
import { z } from "zod";
import { publicAction } from "@/lib/actions/guarded-actions";
import { checkEmailMessage, signUp, type SignUpNext } from "@/lib/account/sign-up";
import { requestContext } from "@/lib/http/request-context";
import { success, type ActionResult } from "@/lib/result";
import { personNameSchema } from "@/lib/validation/person-name";

const SignUpInput = z.object({
  name: personNameSchema,
  email: z.string().trim().max(254, "That email address is too long.").pipe(z.email("Enter a valid email address.")),
  password: z.string().min(1, "Choose a password."),
});

/**
 * Open to anonymous callers by design: it creates the account and its first team. With SMTP it answers
 * the same whether or not the address has an account (lib/account/sign-up.ts).
 */
export const signUpAction = publicAction({ name: "signUp" }, SignUpInput, async (input): Promise<ActionResult<SignUpNext>> => {
  const outcome = await signUp({ ...input, ip: (await requestContext()).ip });
  return outcome.next === "check-email" ? success(outcome, checkEmailMessage(outcome.email)) : success(outcome);
});
