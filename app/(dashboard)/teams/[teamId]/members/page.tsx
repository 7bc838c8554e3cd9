import type { Metadata } from "next";
import { requireTeamPage } from "@/lib/authz/page-access";
import { can } from "@/lib/authz/policy";
import { listTeamMembers } from "@/lib/teams/membership";
import { canManageMember, grantableRoles, invitableRoles, ROLE_LABELS } from "@/lib/authz/member-rules";
import { listPendingInvitations } from "@/lib/invitations/invitations";
import { formatRelativeTime } from "@/lib/format-time";
import { Breadcrumbs } from "@/components/dashboard/breadcrumbs";
import { Card } from "@/components/ui/card";
import { emailVerificationRequired } from "@/lib/account/email-verification";
import { InviteForm } from "@/components/teams/invite-form";
import { PendingInvitations } from "@/components/teams/pending-invitations";
import { MemberList } from "@/components/teams/member-list";
import { TransferOwnershipForm } from "@/components/teams/transfer-ownership-form";
import { ConfirmActionDialog } from "@/components/ui/confirm-action-dialog";
import {
  changeMemberRoleAction,
  inviteMemberAction,
  leaveTeamAction,
  removeMemberAction,
  revokeInvitationAction,
  transferOwnershipAction,
} from "./actions";

export const metadata: Metadata = { title: "Members" };

// Controls are shown only to roles that may use them; the actions check again, and they decide.
export default async function TeamMembersPage({ params }: { params: Promise<{ teamId: string }> }) {
  const access = await requireTeamPage(params, "members:view");
  const teamId = access.team.id;
  const { user } = access;
  const { role, team } = access;
  const canInvite = can(role, "members:invite");
  const [members, invites] = await Promise.all([listTeamMembers(teamId), canInvite ? listPendingInvitations(teamId) : []]);
  const roleOptions = grantableRoles(role).map((value) => ({ value, label: ROLE_LABELS[value] }));
  const now = new Date();

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <Breadcrumbs items={[{ label: team.name, href: `/teams/${teamId}` }, { label: "Members" }]} />
      <div>
        <h1 className="text-2xl font-semibold">Members</h1>
        <p className="mt-1 text-sm text-muted">
          Owners can do everything. Admins manage projects, secrets and members below owner. Members see projects and snippets but not the
          secret.
        </p>
      </div>

      {canInvite && (
        <Card id="invite" title="Invite someone" description="They sign up or sign in with this email address to join.">
          <InviteForm
            action={inviteMemberAction}
            teamId={teamId}
            roles={invitableRoles(role).map((value) => ({ value, label: ROLE_LABELS[value] }))}
          />
          {!emailVerificationRequired() && (
            <p className="mt-3 text-sm text-muted" data-testid="unverified-invites-note">
              This server can&apos;t send email, so nobody&apos;s address is verified: whoever holds an invite link can join with it. Send links
              only to the person they are for.
            </p>
          )}
        </Card>
      )}

      {canInvite && (
        <Card id="pending" title="Pending invites">
          <PendingInvitations
            teamId={teamId}
            revokeAction={revokeInvitationAction}
            invites={invites.map((invite) => ({
              id: invite.id,
              email: invite.email,
              roleLabel: ROLE_LABELS[invite.role],
              expired: invite.expired,
              expiresLabel: formatRelativeTime(invite.expiresAt, now),
            }))}
          />
        </Card>
      )}

      <Card id="members" title={`${members.length} ${members.length === 1 ? "member" : "members"}`}>
        <MemberList
          teamId={teamId}
          teamName={team.name}
          changeRoleAction={changeMemberRoleAction}
          removeAction={removeMemberAction}
          members={members.map((member) => ({
            ...member,
            roleLabel: ROLE_LABELS[member.role],
            isYou: member.userId === user.id,
            manageable: canManageMember(role, member.role),
            roleOptions,
          }))}
        />
      </Card>

      {can(role, "owners:manage") && (
        <Card id="transfer" title="Transfer ownership" description="The member you choose becomes an owner and you become an admin." className="border-warning-border">
          <TransferOwnershipForm
            action={transferOwnershipAction}
            teamId={teamId}
            candidates={members.filter((m) => m.userId !== user.id).map((m) => ({ value: m.userId, label: `${m.name} (${m.email})` }))}
          />
        </Card>
      )}

      <Card id="leave" title="Leave team" description={`You lose access to ${team.name} and its projects.`}>
        <ConfirmActionDialog
          action={leaveTeamAction}
          fields={{ teamId }}
          trigger="Leave team…"
          align="start"
          title={`Leave ${team.name}?`}
          description="To come back, someone will have to invite you again. A team's last owner can't leave: transfer ownership first."
          confirmLabel="Leave team"
          pendingLabel="Leaving…"
        />
      </Card>
    </div>
  );
}
