"use server";
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { teamAction } from "@/lib/actions/guarded-actions";
import { ROLES } from "@/lib/authz/roles";
import { ROLE_IN_SENTENCE } from "@/lib/authz/member-rules";
import { createInvitation, revokeInvitation } from "@/lib/invitations/invitations";
import type { InviteCreated } from "@/lib/invitations/invite-created";
import { changeMemberRole, leaveTeam, removeMember, transferOwnership } from "@/lib/teams/membership";
import { success } from "@/lib/result";

const id = z.string().min(1).max(64);
const role = z.enum(ROLES, { error: "Choose a role: owner, admin or member." });
const email = z.string().trim().max(254, "That email address is too long.").pipe(z.email("Enter a valid email address."));

// Membership changes show in the sidebar (team switcher) and on every page of the team.
const refreshTeam = (teamId: string) => revalidatePath(`/teams/${teamId}`, "layout");

export const inviteMemberAction = teamAction(
  { name: "inviteMember", permission: "members:invite" },
  z.object({ email, role }),
  async (input, { access, actor }) => {
    const invite = await createInvitation({ teamId: access.team.id, email: input.email, role: input.role, actorRole: access.role, actor });
    refreshTeam(access.team.id);
    return success<InviteCreated>(
      { link: invite.link, email: invite.email, emailed: invite.emailed, expiresAt: invite.expiresAt.toISOString() },
      invite.emailed ? `Invite emailed to ${invite.email}.` : `Invite created for ${invite.email}.`,
    );
  },
);

export const revokeInvitationAction = teamAction(
  { name: "revokeInvitation", permission: "members:invite" },
  z.object({ invitationId: id }),
  async (input, { access, actor }) => {
    await revokeInvitation({ teamId: access.team.id, invitationId: input.invitationId, actor });
    refreshTeam(access.team.id);
    return success(null, "Invite revoked. Its link no longer works.");
  },
);

export const changeMemberRoleAction = teamAction(
  { name: "changeMemberRole", permission: "members:manage" },
  z.object({ userId: id, role, expectedRole: role }),
  async (input, { access, actor }) => {
    const { changed, email: member } = await changeMemberRole({
      teamId: access.team.id,
      targetUserId: input.userId,
      newRole: input.role,
      expectedRole: input.expectedRole,
      actor,
    });
    refreshTeam(access.team.id);
    return success(null, changed ? `${member} is now ${ROLE_IN_SENTENCE[input.role]}.` : `${member} already has that role.`);
  },
);

export const removeMemberAction = teamAction(
  { name: "removeMember", permission: "members:manage" },
  z.object({ userId: id }),
  async (input, { access, actor }) => {
    const { email: member } = await removeMember({ teamId: access.team.id, targetUserId: input.userId, actor });
    refreshTeam(access.team.id);
    return success(null, `Removed ${member}. They lose access to this team from their next request.`);
  },
);

export const transferOwnershipAction = teamAction(
  { name: "transferOwnership", permission: "owners:manage" },
  z.object({ userId: z.string({ error: "Choose the new owner." }).min(1, "Choose the new owner.").max(64) }),
  async (input, { access, actor }) => {
    const { email: owner } = await transferOwnership({ teamId: access.team.id, targetUserId: input.userId, actor });
    refreshTeam(access.team.id);
    return success(null, `${owner} now owns this team; you're an admin.`);
  },
);

/** Any member may leave (team:view is what membership grants); the last owner is refused in lib/teams. */
export const leaveTeamAction = teamAction({ name: "leaveTeam", permission: "team:view" }, z.object({}), async (_input, { access, actor }) => {
  await leaveTeam({ teamId: access.team.id, actor });
  revalidatePath("/", "layout");
  // This team's pages 404 for them from now on; home picks their next team.
  redirect("/");
});
