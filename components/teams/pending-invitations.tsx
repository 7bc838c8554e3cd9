"use client";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { WrappingEmail } from "@/components/ui/wrapping-email";
import type { FormAction } from "@/lib/actions/form-action";

export type PendingInviteRow = { id: string; email: string; roleLabel: string; expiresLabel: string; expired: boolean };

function RevokeButton({ action, teamId, invite }: { action: FormAction<null>; teamId: string; invite: PendingInviteRow }) {
  const [result, dispatch, pending] = useActionForm(action);
  return (
    <ActionForm dispatch={dispatch} className="flex flex-col items-end gap-1">
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="invitationId" value={invite.id} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={`Revoke invite for ${invite.email}`}>
        {pending ? "Revoking…" : "Revoke"}
      </Button>
      <FormStatus result={result} />
    </ActionForm>
  );
}

export function PendingInvitations({ invites, teamId, revokeAction }: {
  invites: PendingInviteRow[];
  teamId: string;
  revokeAction: FormAction<null>;
}) {
  if (invites.length === 0) return <p className="text-sm text-muted">No pending invites.</p>;
  return (
    <ul className="divide-y divide-border-subtle" aria-label="Pending invites">
      {invites.map((invite) => (
        <li key={invite.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5">
          <div className="min-w-0">
            <p className="font-medium"><WrappingEmail email={invite.email} /></p>
            <p className="text-xs text-muted">
              {invite.roleLabel} · {invite.expired ? <span className="text-warning">expired</span> : `expires ${invite.expiresLabel}`}
            </p>
          </div>
          <RevokeButton action={revokeAction} teamId={teamId} invite={invite} />
        </li>
      ))}
    </ul>
  );
}
