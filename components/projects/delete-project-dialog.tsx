"use client";
import { ConfirmByTypingDialog } from "@/components/ui/confirm-by-typing-dialog";
import { useStepUp } from "@/components/step-up/step-up-provider";
import { UsageSummary } from "@/components/identity/usage-summary";
import type { SecretUsageJson } from "@/lib/identity/usage-text";
import type { FormAction } from "@/lib/actions/form-action";

/** Deleting breaks the customer's production at once: it shows the live traffic and asks for the password too. */
export function DeleteProjectDialog({ action, projectId, projectName, usage, usageAt }: {
  action: FormAction<unknown>;
  projectId: string;
  projectName: string;
  /** The project's identify traffic when the page was rendered, at `usageAt` (ISO). */
  usage: SecretUsageJson;
  usageAt: string;
}) {
  const reauth = useStepUp();
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
      intercept={reauth.intercept}
    >
      <UsageSummary usage={usage} now={new Date(usageAt)} lastUsedLabel="Last verified token" neverUsed="never" />
      {usage.inUse && (
        <p className="rounded-md bg-warning-subtle px-3 py-2 text-sm text-warning" data-testid="in-use-warning">
          Your servers are sending this project tokens right now: deleting it stops identifying their users at once.
        </p>
      )}
    </ConfirmByTypingDialog>
  );
}
