"use client";
import { NameForm } from "@/components/ui/name-form";
import type { FormAction } from "@/lib/actions/form-action";

// A new project's first stop is its Identity page: the secret and snippets are what the admin came for.
const identityPage = ({ projectId }: { projectId: string }) => `/projects/${projectId}/settings/identity`;

export function CreateProjectForm({ action, teamId, maxLength }: { action: FormAction<{ projectId: string }>; teamId: string; maxLength: number }) {
  return (
    <NameForm action={action} hidden={{ teamId }} label="Project name" placeholder="e.g. Acme web app" maxLength={maxLength} submitLabel="Create project" pendingLabel="Creating…" goTo={identityPage} />
  );
}
