import { Breadcrumbs } from "@/components/dashboard/breadcrumbs";

type Named = { id: string; name: string };

/** "Team > Project > Settings > <page>" for a project's settings tabs; on General, the settings index itself, Settings is not a link. */
export function ProjectSettingsBreadcrumbs({ team, project, page }: { team: Named; project: Named; page: "General" | "Identity" | "Audit log" }) {
  const settings = `/projects/${project.id}/settings`;
  return (
    <Breadcrumbs
      items={[
        { label: team.name, href: `/teams/${team.id}` },
        { label: project.name, href: `${settings}/identity` },
        { label: "Settings", href: page === "General" ? undefined : settings },
        { label: page },
      ]}
    />
  );
}
