import type { FormAction } from "@/lib/actions/form-action";
import { ConfirmActionDialog } from "@/components/ui/confirm-action-dialog";
import { MemberRoleForm } from "@/components/teams/member-role-form";
import { WrappingEmail } from "@/components/ui/wrapping-email";

export type MemberRow = {
  userId: string;
  email: string;
  name: string;
  role: string;
  roleLabel: string;
  isYou: boolean;
  /** Computed on the server with lib/authz/member-rules.ts; the actions refuse the rest anyway. */
  manageable: boolean;
  roleOptions: { value: string; label: string }[];
};

export function MemberList({ members, teamId, teamName, changeRoleAction, removeAction }: {
  members: MemberRow[];
  teamId: string;
  teamName: string;
  changeRoleAction: FormAction<null>;
  removeAction: FormAction<null>;
}) {
  return (
    <ul className="divide-y divide-border-subtle" aria-label="Members">
      {members.map((member) => (
        <li key={member.userId} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between" aria-label={member.email}>
          <div className="min-w-0">
            <p className="truncate font-medium" title={member.name}>
              {member.name}
              {member.isYou && <span className="ml-1.5 text-xs font-normal text-muted">(you)</span>}
            </p>
            <p className="text-sm text-muted"><WrappingEmail email={member.email} /></p>
          </div>
          <div className="flex flex-wrap items-start gap-2">
            {member.manageable && !member.isYou ? (
              <>
                <MemberRoleForm
                  action={changeRoleAction}
                  teamId={teamId}
                  userId={member.userId}
                  email={member.email}
                  role={member.role}
                  options={member.roleOptions}
                />
                <ConfirmActionDialog
                  action={removeAction}
                  fields={{ teamId, userId: member.userId }}
                  trigger="Remove…"
                  triggerLabel={`Remove ${member.email}`}
                  title={`Remove ${member.email}?`}
                  description={`They lose access to ${teamName} and its projects from their next request. Their other teams are not affected.`}
                  confirmLabel="Remove"
                  pendingLabel="Removing…"
                />
              </>
            ) : (
              <span className="rounded-full bg-surface-strong px-2.5 py-1 text-xs font-medium text-text-soft" data-testid="member-role">
                {member.roleLabel}
              </span>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
