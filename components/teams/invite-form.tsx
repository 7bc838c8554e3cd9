"use client";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SelectField } from "@/components/ui/select-field";
import type { FormAction } from "@/lib/actions/form-action";
import type { InviteCreated } from "@/lib/invitations/invite-created";
import { fieldError, hasFieldErrors } from "@/lib/result";

/** Email + role; on success the one-time link is shown here, once, to copy. */
export function InviteForm({ action, teamId, roles }: {
  action: FormAction<InviteCreated>;
  teamId: string;
  roles: { value: string; label: string }[];
}) {
  const [result, dispatch, pending] = useActionForm(action);

  return (
    <div className="flex flex-col gap-4">
      <ActionForm dispatch={dispatch} className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <input type="hidden" name="teamId" value={teamId} />
        <Field label="Email" name="email" type="email" autoComplete="off" className="flex-1" error={fieldError(result, "email")} />
        <SelectField label="Role" name="role" options={roles} defaultValue="member" error={fieldError(result, "role")} />
        <Button type="submit" disabled={pending} className="sm:mt-6">{pending ? "Inviting…" : "Invite"}</Button>
      </ActionForm>
      {result && !result.ok && !hasFieldErrors(result) && <FormStatus result={result} />}
      {result?.ok && (
        <div className="flex flex-col gap-2 rounded-md border border-success-border bg-success-subtle p-3 text-sm" data-testid="invite-created">
          <p className="text-text-soft">
            Send this link to <strong>{result.data.email}</strong>. It works once, only for that address, for 7 days. It is shown only
            now{result.data.emailed ? " (we also emailed it)" : ""}.
          </p>
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
            <code data-testid="invite-link" className="min-w-0 flex-1 rounded bg-surface px-2 py-1 font-mono text-xs break-all">
              {result.data.link}
            </code>
            <CopyButton text={result.data.link} ariaLabel="Copy invite link" />
          </div>
        </div>
      )}
    </div>
  );
}
