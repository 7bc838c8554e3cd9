"use client";
import { useState } from "react";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { fieldError } from "@/lib/result";
import type { FormAction } from "@/lib/actions/form-action";
import { PASSKEY_NAME_MAX } from "@/lib/auth/second-factor/passkey-name";

/** "Rename" opens the name in place; Save sends it, Cancel (or a success) closes it again. */
export function RenamePasskey({ action, passkeyId, name }: { action: FormAction<null>; passkeyId: string; name: string }) {
  const [editing, setEditing] = useState(false);
  const [result, dispatch, pending] = useActionForm<null>(async (previous, formData) => {
    const outcome = await action(previous, formData);
    if (outcome.ok) setEditing(false);
    return outcome;
  });
  if (!editing) {
    return <Button variant="secondary" aria-label={`Rename ${name}`} onClick={() => setEditing(true)}>Rename</Button>;
  }
  return (
    <ActionForm dispatch={dispatch} className="flex flex-col gap-2 sm:w-64">
      <input type="hidden" name="passkeyId" value={passkeyId} />
      <Field label="New name" name="name" defaultValue={name} maxLength={PASSKEY_NAME_MAX} autoFocus error={fieldError(result, "name", { orFormError: true })} />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save"}</Button>
        <Button variant="secondary" onClick={() => setEditing(false)}>Cancel</Button>
      </div>
    </ActionForm>
  );
}
