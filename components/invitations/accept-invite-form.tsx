"use client";
import { useActionState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import type { ActionResult } from "@/lib/result";
import type { FormAction } from "@/lib/actions/form-action";

export function AcceptInviteForm<T>({ action, token, teamName }: { action: FormAction<T>; token: string; teamName: string }) {
  const [result, dispatch, pending] = useActionState<ActionResult<T> | null, FormData>(action, null);
  return (
    <ActionForm dispatch={dispatch} className="flex flex-col gap-3">
      <input type="hidden" name="token" value={token} />
      <Button type="submit" disabled={pending}>{pending ? "Joining…" : `Join ${teamName}`}</Button>
      <FormStatus result={result} />
    </ActionForm>
  );
}
