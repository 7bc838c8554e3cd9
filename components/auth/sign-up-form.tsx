"use client";
import { useActionState, useEffect, useRef } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { fieldError, hasFieldErrors, type ActionResult } from "@/lib/result";
import type { FormAction } from "@/lib/actions/form-action";
import { PERSON_NAME_MAX } from "@/lib/validation/person-name";
import type { SignUpNext } from "@/lib/account/sign-up";

type SignUp = FormAction<SignUpNext>;

/** With SMTP every sign-up ends here, for a new and a taken address alike: nobody is signed in yet. */
function CheckYourEmail({ message, callbackUrl }: { message: string; callbackUrl: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The form (and the focused button) just went away: start reading here.
  useEffect(() => heading.current?.focus(), []);
  return (
    <div role="status" data-testid="check-email" className="flex flex-col gap-2 text-sm">
      <h2 ref={heading} tabIndex={-1} className="text-lg font-semibold outline-none">Check your email</h2>
      <p>{message}</p>
      <p className="text-muted">
        Opened it? <Link className="font-medium text-link underline" href={callbackUrl === "/" ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in</Link>{" "}
        with your email and password.
      </p>
    </div>
  );
}

export function SignUpForm({ action, passwordMinLength, callbackUrl = "/", defaultEmail }: {
  action: SignUp;
  passwordMinLength: number;
  /** A same-site path (checked by the page), e.g. back to the invite that brought them here. */
  callbackUrl?: string;
  defaultEmail?: string;
}) {
  const router = useRouter();
  const [result, dispatch, pending] = useActionState<ActionResult<SignUpNext> | null, FormData>(async (previous, formData) => {
    const created = await action(previous, formData);
    if (!created.ok || created.data.next === "check-email") return created;
    // The account exists now; sign straight in with what was just typed.
    const signedIn = await signIn("credentials", {
      email: String(formData.get("email")),
      password: String(formData.get("password")),
      redirect: false,
    });
    if (!signedIn?.ok) return { ok: false, error: "Your account was created, but signing in failed. Sign in to continue." };
    router.push(callbackUrl);
    router.refresh();
    return created;
  }, null);

  if (result?.ok && result.data.next === "check-email") return <CheckYourEmail message={result.message ?? ""} callbackUrl={callbackUrl} />;
  return (
    <ActionForm dispatch={dispatch} className="flex flex-col gap-4">
      <Field label="Your name" name="name" autoComplete="name" required maxLength={PERSON_NAME_MAX} error={fieldError(result, "name")} />
      <Field label="Work email" name="email" type="email" autoComplete="email" required defaultValue={defaultEmail} error={fieldError(result, "email")} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${passwordMinLength} characters.`}
        error={fieldError(result, "password")}
      />
      {result && !result.ok && !hasFieldErrors(result) && <FormStatus result={result} />}
      <Button type="submit" disabled={pending}>{pending ? "Creating account…" : "Create account"}</Button>
    </ActionForm>
  );
}
