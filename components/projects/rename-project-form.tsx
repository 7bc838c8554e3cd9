"use client";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { FormAction } from "@/lib/actions/form-action";
import { fieldError } from "@/lib/result";

export function RenameProjectForm({ action, projectId, currentName, maxLength }: {
  action: FormAction<{ name: string }>;
  projectId: string;
  currentName: string;
  maxLength: number;
}) {
  const [result, dispatch, pending] = useActionForm(action);
  return (
    <ActionForm dispatch={dispatch} className="flex flex-col gap-3">
      <input type="hidden" name="projectId" value={projectId} />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <Field
          label="Name"
          name="name"
          className="flex-1"
          defaultValue={currentName}
          hint={`Up to ${maxLength} characters.`}
          error={fieldError(result, "name", { orFormError: true })}
        />
        <Button type="submit" disabled={pending} className="sm:mt-6">{pending ? "Saving…" : "Rename"}</Button>
      </div>
    </ActionForm>
  );
}
