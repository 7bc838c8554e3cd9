import { can } from "@/lib/authz/policy";
import { ROLES, type Role } from "@/lib/authz/roles";

/**
 * The resource-aware half of the policy: lib/authz/policy.ts says what a role may do to a team;
 * these say which *member* it may do it to. Pure, so pages use them to hide controls and
 * lib/teams/membership.ts uses the same functions to refuse.
 */

/** Owners manage everyone; admins manage admins and members ("below owner"); members manage no one. */
export function canManageMember(actorRole: Role, targetRole: Role): boolean {
  if (!can(actorRole, "members:manage")) return false;
  return targetRole !== "owner" || can(actorRole, "owners:manage");
}

/** Roles this actor may give someone. Only owners make owners. */
export function grantableRoles(actorRole: Role): Role[] {
  if (!can(actorRole, "members:manage")) return [];
  return ROLES.filter((role) => role !== "owner" || can(actorRole, "owners:manage"));
}

/** Invitations never make owners (the schema says so): ownership is transferred or granted by an owner. */
export const INVITE_ROLES = ["admin", "member"] as const satisfies readonly Role[];
export type InviteRole = (typeof INVITE_ROLES)[number];

export function invitableRoles(actorRole: Role): InviteRole[] {
  if (!can(actorRole, "members:invite")) return [];
  return INVITE_ROLES.filter((role) => grantableRoles(actorRole).includes(role));
}

export const ROLE_LABELS: Record<Role, string> = { owner: "Owner", admin: "Admin", member: "Member" };

/** The role in a sentence ("Ada is now an admin."): a team may have several owners, so "an owner". */
export const ROLE_IN_SENTENCE: Record<Role, string> = { owner: "an owner", admin: "an admin", member: "a member" };
