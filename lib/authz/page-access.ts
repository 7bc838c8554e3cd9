import "server-only";
import { notFound } from "next/navigation";
import { requireUser, type SessionUser } from "@/lib/auth/session";
import { findProjectAccess, findTeamAccess, type ProjectAccess, type TeamAccess } from "@/lib/authz/access";
import { can, type Permission } from "@/lib/authz/policy";

// For pages and layouts: anonymous visitors go to sign-in; a non-member, an unknown id and a role without
// the permission all get the same 404, so a page never hints that the resource exists.

export async function requireProjectPage(params: Promise<{ projectId: string }>, permission: Permission = "project:view"): Promise<ProjectAccess & { user: SessionUser }> {
  const { projectId } = await params;
  const user = await requireUser();
  const access = await findProjectAccess(user.id, projectId);
  if (!access || !can(access.role, permission)) notFound();
  return { ...access, user };
}

export async function requireTeamPage(params: Promise<{ teamId: string }>, permission: Permission = "team:view"): Promise<TeamAccess & { user: SessionUser }> {
  const { teamId } = await params;
  const user = await requireUser();
  const access = await findTeamAccess(user.id, teamId);
  if (!access || !can(access.role, permission)) notFound();
  return { ...access, user };
}
