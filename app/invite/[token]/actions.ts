"use server";
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { accountAction } from "@/lib/actions/guarded-actions";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";

/**
 * The invite link is the authorization here (there is no team membership yet to ask about):
 * lib/invitations checks it is valid, unused, unexpired and addressed to this user's email.
 */
export const acceptInvitationAction = accountAction(
  { name: "acceptInvitation", verifiedEmail: true },
  z.object({ token: z.string().min(1).max(128) }),
  async (input, { user, actor }) => {
    const { teamId } = await acceptInvitation({ token: input.token, user, actor });
    revalidatePath("/", "layout");
    redirect(`/teams/${teamId}?joined=1`); // the team page confirms it: "You joined … as …"
  },
);
