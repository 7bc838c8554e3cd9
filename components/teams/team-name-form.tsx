"use client";
import { NameForm } from "@/components/ui/name-form";
import type { FormAction } from "@/lib/actions/form-action";

const newTeamPage = (data: { teamId: string } | { name: string }) => ("teamId" in data ? `/teams/${data.teamId}` : null);

/** Create (no teamId: goes to the new team) or rename (teamId set: stays; the toast says so). */
export function TeamNameForm<T extends { teamId: string } | { name: string }>({ action, teamId, currentName, maxLength, submitLabel, pendingLabel }: {
  action: FormAction<T>;
  teamId?: string;
  currentName?: string;
  maxLength: number;
  submitLabel: string;
  pendingLabel: string;
}) {
  const hidden: Record<string, string> = teamId ? { teamId } : {};
  return <NameForm action={action} hidden={hidden} label="Team name" defaultValue={currentName} maxLength={maxLength} submitLabel={submitLabel} pendingLabel={pendingLabel} goTo={newTeamPage} />;
}
