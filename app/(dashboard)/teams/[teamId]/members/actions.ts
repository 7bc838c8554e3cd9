"use server";
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authenticatedAction } from "@/lib/actions/define-action";
import { authorizeTeam } from "@/lib/authz/access";
import { actorFor } from "@/lib/auth/session";
import { ROLES } from "@/lib/authz/roles";
import { createInvitation, revokeInvitation } from "@/lib/invitations/invitations";
import { changeMemberRole, leaveTeam, removeMember, transferOwnership } from "@/lib/teams/membership";
import { ROLE_IN_SENTENCE } from "@/lib/authz/member-rules";
import { success } from "@/lib/result";

const id = z.string().min(1).max(64);
const role = z.enum(ROLES, { error: "Choose a role: owner, admin or member." });
const email = z.string().trim().max(254, "That email address is too long.").pipe(z.email("Enter a valid email address."));

// Membership changes show in the sidebar (team switcher) and on every page of the team.
const refreshTeam = (teamId: string) => revalidatePath(`/teams/${teamId}`, "layout");

export type InviteCreated = { link: string; email: string; emailed: boolean; expiresAt: string };

export const inviteMemberAction = authenticatedAction("inviteMember", z.object({ teamId: id, email, role }), async (input, user) => {
  const access = await authorizeTeam(user.id, input.teamId, "members:invite");
  if (!access.ok) return access;
  const invite = await createInvitation({
    teamId: access.team.id,
    email: input.email,
    role: input.role,
    actorRole: access.role,
    actor: await actorFor(user),
  });
  refreshTeam(access.team.id);
  return success<InviteCreated>(
    { link: invite.link, email: invite.email, emailed: invite.emailed, expiresAt: invite.expiresAt.toISOString() },
    invite.emailed ? `Invite emailed to ${invite.email}.` : `Invite created for ${invite.email}.`,
  );
});

export const revokeInvitationAction = authenticatedAction(
  "revokeInvitation",
  z.object({ teamId: id, invitationId: id }),
  async (input, user) => {
    const access = await authorizeTeam(user.id, input.teamId, "members:invite");
    if (!access.ok) return access;
    await revokeInvitation({ teamId: access.team.id, invitationId: input.invitationId, actor: await actorFor(user) });
    refreshTeam(access.team.id);
    return success(null, "Invite revoked. Its link no longer works.");
  },
);

export const changeMemberRoleAction = authenticatedAction(
  "changeMemberRole",
  z.object({ teamId: id, userId: id, role, expectedRole: role }),
  async (input, user) => {
    const access = await authorizeTeam(user.id, input.teamId, "members:manage");
    if (!access.ok) return access;
    const { changed, email: member } = await changeMemberRole({
      teamId: access.team.id,
      targetUserId: input.userId,
      newRole: input.role,
      expectedRole: input.expectedRole,
      actor: await actorFor(user),
    });
    refreshTeam(access.team.id);
    return success(null, changed ? `${member} is now ${ROLE_IN_SENTENCE[input.role]}.` : `${member} already has that role.`);
  },
);

export const removeMemberAction = authenticatedAction("removeMember", z.object({ teamId: id, userId: id }), async (input, user) => {
  const access = await authorizeTeam(user.id, input.teamId, "members:manage");
  if (!access.ok) return access;
  const { email: member } = await removeMember({ teamId: access.team.id, targetUserId: input.userId, actor: await actorFor(user) });
  refreshTeam(access.team.id);
  return success(null, `Removed ${member}. They lose access to this team from their next request.`);
});

export const transferOwnershipAction = authenticatedAction(
  "transferOwnership",
  z.object({ teamId: id, userId: z.string({ error: "Choose the new owner." }).min(1, "Choose the new owner.").max(64) }),
  async (input, user) => {
    const access = await authorizeTeam(user.id, input.teamId, "owners:manage");
    if (!access.ok) return access;
    const { email: owner } = await transferOwnership({ teamId: access.team.id, targetUserId: input.userId, actor: await actorFor(user) });
    refreshTeam(access.team.id);
    return success(null, `${owner} now owns this team; you're an admin.`);
  },
);

/** Any member may leave (team:view is what membership grants); the last owner is refused in lib/teams. */
export const leaveTeamAction = authenticatedAction("leaveTeam", z.object({ teamId: id }), async (input, user) => {
  const access = await authorizeTeam(user.id, input.teamId, "team:view");
  if (!access.ok) return access;
  await leaveTeam({ teamId: access.team.id, actor: await actorFor(user) });
  revalidatePath("/", "layout");
  // This team's pages 404 for them from now on; home picks their next team.
  redirect("/");
});
