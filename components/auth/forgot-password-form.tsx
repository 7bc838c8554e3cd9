"use client";
import { useActionState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { fieldError, hasFieldErrors, type ActionResult } from "@/lib/result";
import type { FormAction } from "@/lib/actions/form-action";

export function ForgotPasswordForm({ action }: { action: FormAction<null> }) {
  // Not useActionForm: the answer replaces the form here, a toast would say it twice.
  const [result, dispatch, pending] = useActionState<ActionResult<null> | null, FormData>(action, null);
  if (result?.ok) return <p role="status" className="text-sm">{result.message}</p>;
  return (
    <ActionForm dispatch={dispatch} className="flex flex-col gap-4">
      <Field label="Email" name="email" type="email" autoComplete="email" required error={fieldError(result, "email")} />
      {result && !hasFieldErrors(result) && <FormStatus result={result} />}
      <Button type="submit" disabled={pending}>{pending ? "Sending…" : "Email me a reset link"}</Button>
    </ActionForm>
  );
}
