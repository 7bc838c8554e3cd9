"use client";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import type { FormAction } from "@/lib/actions/form-action";

export function RevokeSessionButton({ action, sessionId, device }: { action: FormAction<null>; sessionId: string; device: string }) {
  const [result, dispatch, pending] = useActionForm(action);
  return (
    <ActionForm dispatch={dispatch} className="flex flex-col items-start gap-1 sm:items-end">
      <input type="hidden" name="sessionId" value={sessionId} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={`Sign out ${device}`}>
        {pending ? "Signing out…" : "Sign out"}
      </Button>
      <FormStatus result={result} />
    </ActionForm>
  );
}
