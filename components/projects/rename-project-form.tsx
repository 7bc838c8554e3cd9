"use client";
import { NameForm } from "@/components/ui/name-form";
import type { FormAction } from "@/lib/actions/form-action";

export function RenameProjectForm({ action, projectId, currentName, maxLength }: { action: FormAction<{ name: string }>; projectId: string; currentName: string; maxLength: number }) {
  return <NameForm action={action} hidden={{ projectId }} label="Name" defaultValue={currentName} maxLength={maxLength} submitLabel="Rename" pendingLabel="Saving…" />;
}
