/** Refusals the membership rules give; shared by lib/, the forms and the tests that assert them. */
export const LAST_OWNER =
  "A team needs at least one owner. Make someone else an owner (or transfer ownership) first.";
export const MEMBER_NOT_FOUND = "That person isn't a member of this team.";
export const ROLE_CHANGED_ELSEWHERE = "Someone else changed this member's role just now. Reload to see the current role.";
export const CANNOT_MANAGE_OWNERS = "Only owners can manage owners.";
export const CANNOT_GRANT_ROLE = "You can't give that role.";
export const TRANSFER_TO_SELF = "You already own this team; choose another member.";
