"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { FormAction } from "@/lib/actions/form-action";
import { fieldError } from "@/lib/result";

export function CreateProjectForm({ action, teamId, maxLength }: {
  action: FormAction<{ projectId: string }>;
  teamId: string;
  maxLength: number;
}) {
  const router = useRouter();
  const [result, dispatch, pending] = useActionForm(action);
  useEffect(() => {
    // A new project's first stop is its Identity page: the secret and snippets are what the admin came for.
    if (result?.ok) router.push(`/projects/${result.data.projectId}/settings/identity`);
  }, [result, router]);

  return (
    <ActionForm dispatch={dispatch} className="flex flex-col gap-3 sm:flex-row sm:items-start">
      <input type="hidden" name="teamId" value={teamId} />
      <Field
        label="Project name"
        name="name"
        className="flex-1"
        placeholder="e.g. Acme web app"
        hint={`Up to ${maxLength} characters.`}
        error={fieldError(result, "name", { orFormError: true })}
      />
      <Button type="submit" disabled={pending} className="sm:mt-6">{pending ? "Creating…" : "Create project"}</Button>
    </ActionForm>
  );
}
