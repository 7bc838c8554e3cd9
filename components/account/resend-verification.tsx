"use client";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import type { FormAction } from "@/lib/actions/form-action";

export function ResendVerification({ action }: { action: FormAction<null> }) {
  const [result, dispatch, pending] = useActionForm(action);
  return (
    <ActionForm dispatch={dispatch} className="flex flex-col items-start gap-2">
      <Button type="submit" variant="secondary" disabled={pending}>{pending ? "Sending…" : "Send a new link"}</Button>
      <FormStatus result={result} />
    </ActionForm>
  );
}
