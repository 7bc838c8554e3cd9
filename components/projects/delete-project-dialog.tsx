"use client";
import { ConfirmByTypingDialog } from "@/components/ui/confirm-by-typing-dialog";
import type { FormAction } from "@/lib/actions/form-action";

export function DeleteProjectDialog({ action, projectId, projectName }: { action: FormAction<unknown>; projectId: string; projectName: string }) {
  return (
    <ConfirmByTypingDialog
      action={action}
      fields={{ projectId }}
      name={projectName}
      triggerLabel="Delete project…"
      title={`Delete ${projectName}?`}
      description="This deletes the project and its signing secret. Your servers' tokens for it stop verifying immediately. This can't be undone."
      confirmLabel="Delete project"
      pendingLabel="Deleting…"
    />
  );
}
