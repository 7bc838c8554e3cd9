import Link from "next/link";
import { sidebarNavigation } from "@/lib/projects/projects";
import { can } from "@/lib/authz/policy";
import { TeamSwitcher } from "@/components/dashboard/team-switcher";
import { cn } from "@/components/ui/cn";

const linkClass = "block rounded-md px-2 py-1.5 text-sm text-text-soft hover:bg-surface-strong";

/**
 * Team switch, the team's own pages and its most recent projects (the team page lists them all); the
 * layouts put it in a NavDrawer (a drawer on narrow screens). `currentProject` is the page's project, always listed.
 */
export async function Sidebar({ userId, teamId, currentProject }: { userId: string; teamId: string; currentProject?: { id: string; name: string } }) {
  const { teams, projects, total } = await sidebarNavigation(userId, teamId, currentProject);
  const currentProjectId = currentProject?.id;
  const role = teams.find((team) => team.id === teamId)?.role ?? "member";
  // Links only to pages this role may open; the pages themselves check again.
  const teamLinks = [
    { href: `/teams/${teamId}/members`, label: "Members", show: can(role, "members:view") },
    { href: `/teams/${teamId}/settings`, label: "Team settings", show: can(role, "team:rename") },
    { href: `/teams/${teamId}/audit-log`, label: "Audit log", show: can(role, "audit:view") },
  ].filter((link) => link.show);
  return (
    <div className="px-4 py-4">
      <TeamSwitcher teams={teams} currentTeamId={teamId} />
      <nav aria-label="Team" className="mt-3">
        <ul className="flex flex-col gap-1">
          {teamLinks.map((link) => (
            <li key={link.href}><Link href={link.href} className={linkClass}>{link.label}</Link></li>
          ))}
          <li><Link href="/teams/new" className={cn(linkClass, "text-link")}>+ New team</Link></li>
        </ul>
      </nav>
      <nav aria-label="Projects" className="mt-4">
        <div className="mb-1 flex items-center justify-between">
          <Link href={`/teams/${teamId}`} className="text-xs font-medium tracking-wide text-muted uppercase hover:text-text">
            Projects
          </Link>
        </div>
        <ul className="flex flex-col gap-1">
          {projects.map((project) => (
            <li key={project.id}>
              <Link
                href={`/projects/${project.id}/settings/identity`}
                aria-current={project.id === currentProjectId ? "page" : undefined}
                className={cn(
                  "block truncate rounded-md px-2 py-1.5 text-sm",
                  project.id === currentProjectId ? "bg-accent-subtle font-medium text-accent-strong" : "text-text-soft hover:bg-surface-strong",
                )}
              >
                {project.name}
              </Link>
            </li>
          ))}
          {projects.length === 0 && <li className="px-2 py-1.5 text-sm text-muted">No projects yet</li>}
          {total > projects.length && (
            <li>
              <Link href={`/teams/${teamId}`} className={cn(linkClass, "text-link")}>All projects ({total})</Link>
            </li>
          )}
        </ul>
      </nav>
    </div>
  );
}
