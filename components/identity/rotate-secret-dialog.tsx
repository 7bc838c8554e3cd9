"use client";
import { useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { FormStatus } from "@/components/ui/form-status";
import { useStepUpAction } from "@/components/step-up/step-up-provider";
import { DEFAULT_GRACE_PERIOD, GRACE_PERIODS, GRACE_PERIOD_IDS } from "@/lib/identity/grace-period";
import type { FormAction } from "@/lib/actions/form-action";
import type { SecretView } from "@/lib/identity/secret-view";
import { EnvironmentField } from "@/components/identity/environment-context";

const HINTS: Record<string, string> = {
  immediately: "The right choice after a leak: the current secret stops working the moment you confirm.",
  "1h": "Enough for a quick redeploy.",
  "24h": "Recommended: time to roll out the new secret everywhere while watching the old one's traffic.",
  "7d": "For slow release cycles.",
};

export function RotateSecretDialog({ projectId, expectedSecretId, livePrevious, action, onRotated }: {
  projectId: string;
  /** The secret the admin is looking at: a stale or repeated confirm is refused instead of rotating twice. */
  expectedSecretId: string;
  /** The previous secret while it still verifies (live status), or null. */
  livePrevious: { id: string; masked: string } | null;
  action: FormAction<SecretView>;
  onRotated: (view: SecretView) => void;
}) {
  const [open, setOpen] = useState(false);
  const [visible, dispatch, pending] = useStepUpAction(action, {
    success: (view) => {
      onRotated(view);
      setOpen(false);
    },
  });

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogTrigger asChild>
          <Button variant="secondary">Rotate secret…</Button>
        </DialogTrigger>
        <DialogContent
          title="Rotate the signing secret?"
          description="A new secret starts signing tokens now. Choose when the current one stops working."
        >
          <ActionForm dispatch={dispatch} className="flex flex-col gap-3">
            <input type="hidden" name="projectId" value={projectId} />
            <EnvironmentField />
            <input type="hidden" name="expectedSecretId" value={expectedSecretId} />
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-1 text-sm font-medium">The current secret stops working</legend>
              {GRACE_PERIOD_IDS.map((id) => (
                <label key={id} className="flex gap-2 rounded-md border border-border p-2 text-sm has-[:checked]:border-accent has-[:checked]:bg-accent-subtle">
                  <input type="radio" name="grace" value={id} defaultChecked={id === DEFAULT_GRACE_PERIOD} className="mt-0.5" />
                  <span>
                    <span className="font-medium">{GRACE_PERIODS[id].label}</span>
                    <span className="block text-muted">{HINTS[id]}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            {livePrevious && (
              <p role="note" className="rounded-md bg-warning-subtle px-3 py-2 text-sm text-warning">
                The previous secret {livePrevious.masked} is still in its grace period. Rotating again ends it <strong>immediately</strong>: at most
                two secrets are live at once.
              </p>
            )}
            <FormStatus result={visible} />
            <DialogActions confirmLabel="Rotate secret" pendingLabel="Rotating…" pending={pending} variant="danger" />
          </ActionForm>
        </DialogContent>
      </Dialog>
      {!open && <FormStatus result={visible} />}
    </div>
  );
}
