import { requireUser } from "@/lib/auth/session";
import { listUserTeams } from "@/lib/teams/teams";
import { Sidebar } from "@/components/dashboard/sidebar";
import { NavDrawer } from "@/components/dashboard/nav-drawer";
import { NotFoundMessage } from "@/components/dashboard/not-found-message";

/**
 * An unknown or foreign project or team, inside the dashboard shell: the sidebar shows the user's home
 * team (the URL's own team may not exist), so the way back is one click.
 */
export default async function DashboardNotFound() {
  const user = await requireUser();
  const [home] = await listUserTeams(user.id);
  return (
    <div className="flex flex-1">
      {home && <NavDrawer><Sidebar userId={user.id} teamId={home.id} /></NavDrawer>}
      <main id="main" className="min-w-0 flex-1 px-4 pt-4 pb-6 sm:px-8 sm:pt-6">
        <NotFoundMessage />
      </main>
    </div>
  );
}
