import Link from "next/link";
import { listUserTeams } from "@/lib/teams/teams";
import { listTeamProjects } from "@/lib/projects/projects";
import { TeamSwitcher } from "@/components/dashboard/team-switcher";
import { cn } from "@/components/ui/cn";

/** Team switch and the team's projects; on narrow screens it sits above the content. */
export async function Sidebar({ userId, teamId, currentProjectId }: { userId: string; teamId: string; currentProjectId?: string }) {
  const [teams, projects] = await Promise.all([listUserTeams(userId), listTeamProjects(teamId)]);
  return (
    <aside className="border-b border-zinc-200 bg-white px-4 py-4 md:w-60 md:shrink-0 md:border-r md:border-b-0">
      <TeamSwitcher teams={teams} currentTeamId={teamId} />
      <nav aria-label="Projects" className="mt-4">
        <div className="mb-1 flex items-center justify-between">
          <Link href={`/teams/${teamId}`} className="text-xs font-medium tracking-wide text-zinc-500 uppercase hover:text-zinc-800">
            Projects
          </Link>
        </div>
        <ul className="flex flex-wrap gap-1 md:flex-col">
          {projects.map((project) => (
            <li key={project.id}>
              <Link
                href={`/projects/${project.id}/settings/identity`}
                aria-current={project.id === currentProjectId ? "page" : undefined}
                className={cn(
                  "block truncate rounded-md px-2 py-1.5 text-sm",
                  project.id === currentProjectId ? "bg-indigo-50 font-medium text-indigo-800" : "text-zinc-700 hover:bg-zinc-100",
                )}
              >
                {project.name}
              </Link>
            </li>
          ))}
          {projects.length === 0 && <li className="px-2 py-1.5 text-sm text-zinc-500">No projects yet</li>}
        </ul>
      </nav>
    </aside>
  );
}
