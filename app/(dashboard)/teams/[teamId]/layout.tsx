import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { findTeamAccess } from "@/lib/authz/access";
import { Sidebar } from "@/components/dashboard/sidebar";
import { NavDrawer } from "@/components/dashboard/nav-drawer";

export default async function TeamLayout({ children, params }: { children: ReactNode; params: Promise<{ teamId: string }> }) {
  const { teamId } = await params;
  const user = await requireUser();
  if (!(await findTeamAccess(user.id, teamId))) notFound();
  return (
    <div className="flex flex-1">
      <NavDrawer><Sidebar userId={user.id} teamId={teamId} /></NavDrawer>
      <main id="main" className="min-w-0 flex-1 px-4 pt-4 pb-6 sm:px-8 sm:pt-6">{children}</main>
    </div>
  );
}
