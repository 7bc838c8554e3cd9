import type { ReactNode } from "react";
import { requireTeamPage } from "@/lib/authz/page-access";
import { Sidebar } from "@/components/dashboard/sidebar";
import { NavDrawer } from "@/components/dashboard/nav-drawer";

export default async function TeamLayout({ children, params }: { children: ReactNode; params: Promise<{ teamId: string }> }) {
  const { team, user } = await requireTeamPage(params);
  return (
    <div className="flex flex-1">
      <NavDrawer><Sidebar userId={user.id} teamId={team.id} /></NavDrawer>
      <main id="main" className="min-w-0 flex-1 px-4 pt-4 pb-6 sm:px-8 sm:pt-6">{children}</main>
    </div>
  );
}
