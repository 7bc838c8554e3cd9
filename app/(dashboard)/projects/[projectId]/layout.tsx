import type { ReactNode } from "react";
import { requireProjectPage } from "@/lib/authz/page-access";
import { Sidebar } from "@/components/dashboard/sidebar";
import { NavDrawer } from "@/components/dashboard/nav-drawer";

// Another team's project 404s exactly like one that does not exist.
export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Promise<{ projectId: string }> }) {
  const { user, team, project } = await requireProjectPage(params);
  return (
    <div className="flex flex-1">
      <NavDrawer><Sidebar userId={user.id} teamId={team.id} currentProject={project} /></NavDrawer>
      <main id="main" className="min-w-0 flex-1 px-4 pt-4 pb-6 sm:px-8 sm:pt-6">
        <div className="mx-auto flex max-w-4xl flex-col gap-6">
          {children}
        </div>
      </main>
    </div>
  );
}
