"use client";
import { ConfirmByTypingDialog } from "@/components/ui/confirm-by-typing-dialog";
import { useStepUp } from "@/components/step-up/step-up-provider";
import type { FormAction } from "@/lib/actions/form-action";

/** Deleting a team deletes every project's secret: typed-back name, then the step-up prompt. */
export function DeleteTeamDialog({ action, teamId, teamName }: { action: FormAction<unknown>; teamId: string; teamName: string }) {
  const stepUp = useStepUp();
  return (
    <ConfirmByTypingDialog
      action={action}
      fields={{ teamId }}
      name={teamName}
      triggerLabel="Delete team…"
      title={`Delete ${teamName}?`}
      description="Every project in this team and its signing secret are deleted; tokens for them stop verifying immediately. Members lose access. This can't be undone."
      confirmLabel="Delete team"
      pendingLabel="Deleting…"
      intercept={stepUp.intercept}
    />
  );
}
