import type { Metadata } from "next";
import { requireProjectPage } from "@/lib/authz/page-access";
import { can } from "@/lib/authz/policy";
import { PROJECT_NAME_MAX } from "@/lib/projects/project-name";
import { ProjectSettingsBreadcrumbs } from "@/components/projects/project-settings-breadcrumbs";
import { ProjectSettingsNav } from "@/components/projects/project-settings-nav";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { RenameProjectForm } from "@/components/projects/rename-project-form";
import { DeleteProjectDialog } from "@/components/projects/delete-project-dialog";
import { StepUp } from "@/components/step-up/step-up";
import { projectIdentityUsage } from "@/lib/identity/secret-usage";
import { usageJson } from "@/lib/identity/usage-text";
import { deleteProjectAction, renameProjectAction } from "./actions";

export const metadata: Metadata = { title: "Project settings" };

export default async function ProjectGeneralSettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { project, team, role, user } = await requireProjectPage(params);
  const canDelete = can(role, "project:delete");
  const now = new Date();
  const usage = canDelete ? await projectIdentityUsage(project.id, now) : null;

  return (
    <>
      <ProjectSettingsBreadcrumbs team={team} project={project} page="General" />
      <h1 className="text-2xl font-semibold">General</h1>
      <ProjectSettingsNav projectId={project.id} showAuditLog={can(role, "audit:view")} />
      <Card id="project-id" title="Project ID" description="Public: it appears in your widget tag and token audience.">
        <div className="flex flex-wrap items-center gap-2">
          <code className="rounded bg-surface-strong px-2 py-1 text-sm break-all">{project.id}</code>
          <CopyButton text={project.id} ariaLabel="Copy project ID" />
        </div>
      </Card>
      {can(role, "project:rename") && (
        <Card id="rename" title="Project name">
          <RenameProjectForm action={renameProjectAction} projectId={project.id} currentName={project.name} maxLength={PROJECT_NAME_MAX} />
        </Card>
      )}
      {usage && (
        <Card id="danger" title="Delete project" description="Deletes the project and its signing secret. Tokens for it stop verifying." className="border-danger-border">
          <StepUp userId={user.id} place={{ projectId: project.id }}>
            <DeleteProjectDialog
              action={deleteProjectAction}
              projectId={project.id}
              projectName={project.name}
              usage={usageJson(usage)}
              usageAt={now.toISOString()}
            />
          </StepUp>
        </Card>
      )}
    </>
  );
}
