"use client";
import { startTransition, useEffect } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { FormStatus } from "@/components/ui/form-status";
import { useRevealedSecret } from "@/components/identity/revealed-secret";
import { useStepUpAction } from "@/components/step-up/step-up-provider";
import { RotateSecretDialog } from "@/components/identity/rotate-secret-dialog";
import { useLiveStatus } from "@/components/identity/live-status";
import { EnvironmentField } from "@/components/identity/environment-context";
import type { FormAction } from "@/lib/actions/form-action";
import type { SecretView } from "@/lib/identity/secret-view";

/** A revealed secret masks itself again after this long. */
export const REMASK_AFTER_MS = 60_000;

export type SecretPanelProps = {
  projectId: string;
  secretId: string;
  maskedSecret: string;
  canReveal: boolean;
  canRotate: boolean;
  /** What this role can't do here, and who can (null when it can do everything). */
  permissionNote: string | null;
  revealAction: FormAction<SecretView>;
  rotateAction: FormAction<SecretView>;
};

export function SecretPanel(props: SecretPanelProps) {
  const { revealed, setRevealed } = useRevealedSecret();
  // Live, so the rotate dialog stops warning about a previous secret whose grace period just ended.
  const livePrevious = useLiveStatus().previous;
  const [revealResult, reveal, revealing] = useStepUpAction(props.revealAction, { success: (view) => setRevealed({ ...view, justRotated: false }) });

  const shown = revealed?.secretId === props.secretId ? revealed : null;
  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => startTransition(() => setRevealed(null)), REMASK_AFTER_MS);
    return () => clearTimeout(timer);
  }, [shown, setRevealed]);

  return (
    <div className="flex flex-col gap-3">
      {shown?.justRotated && (
        <p role="status" className="rounded-md border border-warning-border bg-warning-subtle px-3 py-2 text-sm text-warning">
          This is your new secret. Copy it now and set it as <code>REQIO_SECRET</code> on your servers.
        </p>
      )}
      <div className="flex flex-col gap-2 rounded-md border border-border bg-surface-subtle p-3 sm:flex-row sm:items-center">
        <code data-testid="identity-secret" className="min-w-0 flex-1 font-mono text-sm break-all">
          {shown ? shown.secret : props.maskedSecret}
        </code>
        <div className="flex shrink-0 flex-wrap gap-2">
          {props.canReveal && !shown && (
            <ActionForm dispatch={reveal}>
              <input type="hidden" name="projectId" value={props.projectId} />
              <EnvironmentField />
              <Button type="submit" variant="secondary" disabled={revealing}>{revealing ? "Revealing…" : "Reveal"}</Button>
            </ActionForm>
          )}
          {shown && (
            <>
              {/* Only this tab held the secret: hiding forgets it here, nothing to tell the server. */}
              <Button type="button" variant="secondary" onClick={() => setRevealed(null)}>Hide</Button>
              <CopyButton text={shown.secret} ariaLabel="Copy secret" />
            </>
          )}
        </div>
      </div>
      {shown && <p className="text-xs text-muted">Hides again by itself after a minute.</p>}
      {props.permissionNote && <p className="text-sm text-muted" data-testid="secret-permission-note">{props.permissionNote}</p>}
      <FormStatus result={revealResult && !revealResult.ok ? revealResult : null} />
      {props.canRotate && (
        <RotateSecretDialog
          projectId={props.projectId}
          expectedSecretId={props.secretId}
          livePrevious={livePrevious && { id: livePrevious.id, masked: `••••${livePrevious.last4}` }}
          action={props.rotateAction}
          onRotated={(view) => setRevealed({ ...view, justRotated: true })}
        />
      )}
    </div>
  );
}
