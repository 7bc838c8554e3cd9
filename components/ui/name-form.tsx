"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { FormAction } from "@/lib/actions/form-action";
import { fieldError } from "@/lib/result";

/** The one-field form that names something (a new or renamed project or team), its submit button beside the field. */
export function NameForm<T>({ action, hidden, label, placeholder, defaultValue, maxLength, submitLabel, pendingLabel, goTo }: {
  action: FormAction<T>;
  /** Inputs naming what the action is about (a teamId, a projectId). */
  hidden: Record<string, string>;
  label: string;
  placeholder?: string;
  defaultValue?: string;
  maxLength: number;
  submitLabel: string;
  pendingLabel: string;
  /** Where a success leads (what was created), or null to stay; declared outside the caller's render so it stays the same function. */
  goTo?: (data: T) => string | null;
}) {
  const router = useRouter();
  const [result, dispatch, pending] = useActionForm(action);
  useEffect(() => {
    const destination = result?.ok && goTo ? goTo(result.data) : null;
    if (destination) router.push(destination);
  }, [result, router, goTo]);

  return (
    <ActionForm dispatch={dispatch} className="flex flex-col gap-3">
      {Object.entries(hidden).map(([key, value]) => <input key={key} type="hidden" name={key} value={value} />)}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <Field
          label={label}
          name="name"
          className="flex-1"
          placeholder={placeholder}
          defaultValue={defaultValue}
          hint={`Up to ${maxLength} characters.`}
          error={fieldError(result, "name", { orFormError: true })}
        />
        <Button type="submit" disabled={pending} className="sm:mt-6">{pending ? pendingLabel : submitLabel}</Button>
      </div>
    </ActionForm>
  );
}
