"use client";
import { useState } from "react";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { SelectField } from "@/components/ui/select-field";
import type { FormAction } from "@/lib/actions/form-action";
import { fieldError, hasFieldErrors } from "@/lib/result";

/** Pick a member, confirm with a checkbox (no dialog needed: nothing happens until both are set). */
export function TransferOwnershipForm({ action, teamId, candidates }: {
  action: FormAction<null>;
  teamId: string;
  candidates: { value: string; label: string }[];
}) {
  const [confirmed, setConfirmed] = useState(false);
  const [result, dispatch, pending] = useActionForm(action);
  if (candidates.length === 0) return <p className="text-sm text-muted">Invite someone first: ownership goes to another member.</p>;
  return (
    <ActionForm dispatch={dispatch} className="flex flex-col gap-3">
      <input type="hidden" name="teamId" value={teamId} />
      <SelectField label="New owner" name="userId" options={candidates} error={fieldError(result, "userId")} />
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-1" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} />
        I understand I will become an admin and can't undo this myself.
      </label>
      <div>
        <Button type="submit" variant="danger" disabled={pending || !confirmed}>{pending ? "Transferring…" : "Transfer ownership"}</Button>
      </div>
      <FormStatus result={hasFieldErrors(result) ? null : result} />
    </ActionForm>
  );
}
