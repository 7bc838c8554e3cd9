"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { FormAction } from "@/lib/actions/form-action";
import { fieldError } from "@/lib/result";

/** Create (no teamId: goes to the new team) or rename (teamId set: stays; the toast says so). */
export function TeamNameForm<T extends { teamId: string } | { name: string }>({ action, teamId, currentName, maxLength, submitLabel, pendingLabel }: {
  action: FormAction<T>;
  teamId?: string;
  currentName?: string;
  maxLength: number;
  submitLabel: string;
  pendingLabel: string;
}) {
  const router = useRouter();
  const [result, dispatch, pending] = useActionForm(action);
  useEffect(() => {
    if (result?.ok && "teamId" in result.data) router.push(`/teams/${result.data.teamId}`);
  }, [result, router]);

  return (
    <ActionForm dispatch={dispatch} className="flex flex-col gap-3">
      {teamId && <input type="hidden" name="teamId" value={teamId} />}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <Field
          label="Team name"
          name="name"
          className="flex-1"
          defaultValue={currentName}
          hint={`Up to ${maxLength} characters.`}
          error={fieldError(result, "name", { orFormError: true })}
        />
        <Button type="submit" disabled={pending} className="sm:mt-6">{pending ? pendingLabel : submitLabel}</Button>
      </div>
    </ActionForm>
  );
}
