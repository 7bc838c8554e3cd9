/** What an invite link or the invite form answers; shared by lib/, the pages and the tests. */
export const INVITE_NOT_FOUND = "This invite link isn't valid. Ask the person who invited you for a new one.";
export const INVITE_EXPIRED = "This invite link has expired. Ask the person who invited you for a new one.";
export const INVITE_USED = "This invite link has already been used. Ask the person who invited you for a new one.";
export const INVITE_REVOKED = "This invite was revoked. Ask the person who invited you for a new one.";
export const INVITATION_NOT_FOUND = "Invitation not found.";
export const INVITATION_ALREADY_ACCEPTED = "That invitation was already accepted; manage the member in the list instead.";
export const CANNOT_INVITE_ROLE = "Invite as an admin or a member. Only an owner makes someone an owner, from the member list.";

export function wrongEmailMessage(invitedEmail: string, signedInEmail: string): string {
  return `This invite is for ${invitedEmail}, but you're signed in as ${signedInEmail}. Sign out, then sign in or sign up with ${invitedEmail}.`;
}

export function alreadyMemberMessage(email: string): string {
  return `${email} is already a member of this team.`;
}
