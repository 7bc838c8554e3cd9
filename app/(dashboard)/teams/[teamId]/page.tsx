import type { Metadata } from "next";
import Link from "next/link";
import { requireTeamPage } from "@/lib/authz/page-access";
import { can } from "@/lib/authz/policy";
import { listTeamProjects } from "@/lib/projects/projects";
import { PROJECT_NAME_MAX } from "@/lib/projects/project-name";
import { ROLE_IN_SENTENCE } from "@/lib/authz/member-rules";
import { Breadcrumbs } from "@/components/dashboard/breadcrumbs";
import { Card } from "@/components/ui/card";
import { CreateProjectForm } from "@/components/projects/create-project-form";
import { ArrivalToast } from "@/components/ui/arrival-toast";
import { createProjectAction } from "./actions";

export const metadata: Metadata = { title: "Projects" };

type Props = { params: Promise<{ teamId: string }>; searchParams: Promise<{ joined?: string | string[] }> };

export default async function TeamProjectsPage({ params, searchParams }: Props) {
  const access = await requireTeamPage(params);
  const teamId = access.team.id;
  const projects = await listTeamProjects(teamId);
  // Accepting an invite lands here (app/invite); the role said is the membership's, not the URL's.
  const joined = (await searchParams).joined === "1";

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      {joined && <ArrivalToast message={`You joined ${access.team.name} as ${ROLE_IN_SENTENCE[access.role]}.`} param="joined" />}
      <Breadcrumbs items={[{ label: access.team.name }, { label: "Projects" }]} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Projects</h1>
        {can(access.role, "audit:view") && (
          <Link href={`/teams/${teamId}/audit-log`} className="text-sm font-medium text-link hover:underline">Team audit log</Link>
        )}
      </div>
      {can(access.role, "project:create") && (
        <Card id="new-project" title="New project" description="Each project gets its own ID and signing secret.">
          <CreateProjectForm action={createProjectAction} teamId={teamId} maxLength={PROJECT_NAME_MAX} />
        </Card>
      )}
      <Card id="project-list" title="All projects">
        {projects.length === 0 ? (
          <p className="text-sm text-muted">No projects yet. Create one above to get its signing secret and snippets.</p>
        ) : (
          <ul className="divide-y divide-border-subtle">
            {projects.map((project) => (
              <li key={project.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5">
                <Link href={`/projects/${project.id}/settings/identity`} className="font-medium text-link hover:underline">
                  {project.name}
                </Link>
                <code className="text-xs break-all text-muted">{project.id}</code>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
