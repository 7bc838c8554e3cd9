import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireProjectPage } from "@/lib/authz/page-access";
import { loadAuditLog } from "@/lib/audit/audit-log-page";
import { ProjectSettingsBreadcrumbs } from "@/components/projects/project-settings-breadcrumbs";
import { ProjectSettingsNav } from "@/components/projects/project-settings-nav";
import { AuditLogView } from "@/components/audit/audit-log-view";

export const metadata: Metadata = { title: "Audit log" };

type Props = { params: Promise<{ projectId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ProjectAuditLogPage({ params, searchParams }: Props) {
  const { project, team } = await requireProjectPage(params, "audit:view");
  const basePath = `/projects/${project.id}/settings/audit-log`;
  const log = await loadAuditLog({ teamId: team.id, projectId: project.id }, basePath, await searchParams);
  if (log.redirectTo !== undefined) redirect(log.redirectTo);

  return (
    <>
      <ProjectSettingsBreadcrumbs team={team} project={project} page="Audit log" />
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <ProjectSettingsNav projectId={project.id} showAuditLog />
      <AuditLogView basePath={basePath} scope="project" {...log} />
    </>
  );
}
