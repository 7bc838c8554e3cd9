"use client";
import Link from "next/link";
import { useActionState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { fieldError, hasFieldErrors, type ActionResult } from "@/lib/result";
import type { FormAction } from "@/lib/actions/form-action";

export function ResetPasswordForm({ action, token, passwordMinLength }: { action: FormAction<null>; token: string; passwordMinLength: number }) {
  // Not useActionForm: the answer replaces the form here, a toast would say it twice.
  const [result, dispatch, pending] = useActionState<ActionResult<null> | null, FormData>(action, null);
  if (result?.ok) {
    return (
      <p role="status" className="text-sm">
        Password changed. <Link className="font-medium text-link underline" href="/sign-in">Sign in</Link> with the new one.
      </p>
    );
  }
  return (
    <ActionForm dispatch={dispatch} className="flex flex-col gap-4">
      <input type="hidden" name="token" value={token} />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${passwordMinLength} characters. Every session of your account will be signed out.`}
        error={fieldError(result, "newPassword")}
      />
      {result && !hasFieldErrors(result) && <FormStatus result={result} />}
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Set new password"}</Button>
    </ActionForm>
  );
}
