import "server-only";
import { notFound } from "next/navigation";
import { requireUser, type SessionUser } from "@/lib/auth/session";
import { findProjectAccess, findTeamAccess, type ProjectAccess, type TeamAccess } from "@/lib/authz/access";
import { can, type Permission } from "@/lib/authz/policy";

// For pages and layouts: anonymous visitors go to sign-in; a non-member, an unknown id and a role without
// the permission all get the same 404, so a page never hints that the resource exists.

function pageLoader<Key extends string, Access extends TeamAccess>(
  key: Key,
  findAccess: (userId: string, id: string) => Promise<Access | null>,
  defaultPermission: Permission,
) {
  return async (params: Promise<Record<Key, string>>, permission: Permission = defaultPermission): Promise<Access & { user: SessionUser }> => {
    const id = (await params)[key];
    const user = await requireUser();
    const access = await findAccess(user.id, id);
    if (!access || !can(access.role, permission)) notFound();
    return { ...access, user };
  };
}

export const requireProjectPage = pageLoader("projectId", findProjectAccess, "project:view");
export const requireTeamPage = pageLoader("teamId", findTeamAccess, "team:view");
