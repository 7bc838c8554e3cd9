"use client";
import { useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { FormStatus } from "@/components/ui/form-status";
import { TypeToConfirmField, useTypeToConfirm } from "@/components/ui/type-to-confirm";
import { useStepUpAction } from "@/components/step-up/step-up-provider";
import { useLiveStatus } from "@/components/identity/live-status";
import { EnvironmentField } from "@/components/identity/environment-context";
import { UsageSummary } from "@/components/identity/usage-summary";
import { formatDuration, formatRelativeTime } from "@/lib/format-time";
import { EXPIRY_CONFIRMATION_REQUIRED as CONFIRMATION_REQUIRED, tokensText, windowText } from "@/lib/identity/usage-text";
import type { PreviousSecretJson } from "@/lib/identity/integration-status";
import type { FormAction } from "@/lib/actions/form-action";

type PanelProps = { projectId: string; projectName: string; canExpire: boolean; expireAction: FormAction<null> };

/**
 * The previous secret's panel while it is live, from the polled status: it disappears once its grace
 * period ends (the server stops reporting it at expiresAt, swept or not) or someone expires it, and then
 * says so, so nothing on the page still claims it verifies.
 */
export function LivePreviousSecret(props: PanelProps) {
  const { previous, generatedAt } = useLiveStatus();
  const [seen, setSeen] = useState(previous && { id: previous.id, last4: previous.last4 });
  const [ended, setEnded] = useState<string | null>(null);
  if ((previous?.id ?? null) !== (seen?.id ?? null)) {
    setEnded(!previous && seen ? seen.last4 : null);
    setSeen(previous && { id: previous.id, last4: previous.last4 });
  }
  if (!previous) {
    return ended ? (
      <p role="status" className="mt-3 text-sm text-text-soft" data-testid="previous-secret-ended">
        The previous secret ••••{ended} has expired: tokens signed with it are rejected, with a message saying so for the next 30 days. Only the current secret verifies.
      </p>
    ) : null;
  }
  return (
    <div className="mt-3">
      {/* Keyed: a different previous secret (rotated again) starts with a closed dialog and no result. */}
      <PreviousSecretPanel key={previous.id} {...props} previous={previous} now={new Date(generatedAt)} />
    </div>
  );
}

/** "Previous secret ••••9f2c — stops working in 23 h 12 min — last used 3 min ago — 145 tokens in the last hour and 7 min". */
export function PreviousSecretPanel({ projectId, projectName, previous, now, canExpire, expireAction }: PanelProps & { previous: PreviousSecretJson; now: Date }) {
  const [open, setOpen] = useState(false);
  const confirm = useTypeToConfirm(projectName);
  const [result, dispatch, pending] = useStepUpAction(expireAction, {
    success: () => setOpen(false),
    // Asked for the project's name: the dialog stays open for it.
    failure: (failure) => failure.code !== CONFIRMATION_REQUIRED && setOpen(false),
  });
  const masked = `••••${previous.last4}`;
  const lastUsedAt = previous.lastUsedAt ? new Date(previous.lastUsedAt) : null;
  const lastUsed = lastUsedAt ? formatRelativeTime(lastUsedAt, now) : "never since the rotation";
  // The server insists on the name too (it may know of a token the last poll didn't show yet).
  const askName = previous.inUse || (result?.ok === false && result.code === CONFIRMATION_REQUIRED);
  const nameError = result?.ok === false && result.code === CONFIRMATION_REQUIRED ? result.error : undefined;
  const outside = result && (result.ok || result.code !== CONFIRMATION_REQUIRED) ? result : null;

  return (
    <div className="flex flex-col gap-2 rounded-md border border-warning-border bg-warning-subtle p-3 text-sm" data-testid="previous-secret">
      <p>
        <span className="font-medium">Previous secret {masked}</span> — stops working in {formatDuration(new Date(previous.expiresAt).getTime() - now.getTime())} —
        last used {lastUsed} — {tokensText(previous.tokensLastHour)} in the last {windowText(previous.hourMinutes)}
      </p>
      {previous.looksSafeToExpire ? (
        <p className="text-success">Nothing has used it for 15 minutes while the new secret is in use: it looks safe to expire now.</p>
      ) : !previous.newSecretInUse ? (
        <p className="text-warning">No token has used the new secret yet: expire the old one only after your servers switched.</p>
      ) : null}
      {canExpire && (
        <Dialog open={open} onOpenChange={setOpen}>
          <DialogTrigger asChild>
            <Button variant="secondary" className="self-start">Expire now…</Button>
          </DialogTrigger>
          <DialogContent title="Expire the previous secret now?" description={`Tokens signed with ${masked} are rejected from the next request on. For 30 days it is kept encrypted only so that a token still signed with it is told so ("signed with a retired secret"); it never verifies again, and then only a fingerprint stays for the audit log.`}>
            <ActionForm dispatch={dispatch} className="flex flex-col gap-4">
              <input type="hidden" name="projectId" value={projectId} />
              <EnvironmentField />
              <input type="hidden" name="previousSecretId" value={previous.id} />
              <UsageSummary usage={previous} now={now} lastUsedLabel="Last verified a token" neverUsed="never since the rotation" />
              {askName && (
                <>
                  <p className="rounded-md bg-warning-subtle px-3 py-2 text-sm text-warning" data-testid="in-use-warning">
                    It verified a token {lastUsedAt ? formatRelativeTime(lastUsedAt, now) : "moments ago"}: some of your servers still sign with it,
                    and their users stop being identified the moment you confirm.
                  </p>
                  <TypeToConfirmField confirm={confirm} error={nameError} />
                </>
              )}
              <DialogActions confirmLabel="Expire now" pendingLabel="Expiring…" pending={pending} variant="danger" disabled={askName && !confirm.confirmed} />
            </ActionForm>
          </DialogContent>
        </Dialog>
      )}
      <FormStatus result={outside} />
    </div>
  );
}
