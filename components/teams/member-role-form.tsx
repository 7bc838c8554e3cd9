"use client";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { SelectField } from "@/components/ui/select-field";
import type { FormAction } from "@/lib/actions/form-action";

/** The role the page showed travels as expectedRole, so a change made meanwhile is reported, not overwritten. */
export function MemberRoleForm({ action, teamId, userId, email, role, options }: {
  action: FormAction<null>;
  teamId: string;
  userId: string;
  email: string;
  role: string;
  options: { value: string; label: string }[];
}) {
  const [result, dispatch, pending] = useActionForm(action);
  return (
    <ActionForm dispatch={dispatch} className="flex flex-col gap-1">
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="expectedRole" value={role} />
      <div className="flex items-center gap-2">
        <SelectField label={`Role for ${email}`} hideLabel name="role" id={`role-${userId}`} options={options} defaultValue={role} />
        <Button type="submit" variant="secondary" disabled={pending} aria-label={`Save role for ${email}`}>
          {pending ? "Saving…" : "Save"}
        </Button>
      </div>
      <FormStatus result={result} />
    </ActionForm>
  );
}
