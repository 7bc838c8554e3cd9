"use client";
import { useActionState, useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { FormStatus } from "@/components/ui/form-status";
import { useReauth } from "@/components/identity/reauth";
import { useLiveStatus } from "@/components/identity/live-status";
import { formatDuration, formatRelativeTime } from "@/lib/format-time";
import type { ActionResult } from "@/lib/result";
import type { FormAction } from "@/lib/actions/form-action";

export type PreviousSecretView = {
  id: string;
  masked: string;
  stopsIn: string;
  lastUsed: string;
  tokensLastHour: number;
  looksSafeToExpire: boolean;
  newSecretInUse: boolean;
};

/**
 * The previous secret's panel while it is live, from the polled status: it disappears once its grace
 * period ends (the server stops reporting it at expiresAt, swept or not) or someone expires it.
 */
export function LivePreviousSecret({ projectId, canExpire, expireAction }: { projectId: string; canExpire: boolean; expireAction: FormAction<null> }) {
  const { previous, generatedAt } = useLiveStatus();
  if (!previous) return null;
  const now = new Date(generatedAt);
  const view: PreviousSecretView = {
    id: previous.id,
    masked: `••••${previous.last4}`,
    stopsIn: formatDuration(new Date(previous.expiresAt).getTime() - now.getTime()),
    lastUsed: previous.lastUsedAt ? formatRelativeTime(new Date(previous.lastUsedAt), now) : "never since the rotation",
    tokensLastHour: previous.tokensLastHour,
    looksSafeToExpire: previous.looksSafeToExpire,
    newSecretInUse: previous.newSecretInUse,
  };
  return (
    <div className="mt-3">
      {/* Keyed: a different previous secret (rotated again) starts with a closed dialog and no result. */}
      <PreviousSecretPanel key={previous.id} projectId={projectId} canExpire={canExpire} expireAction={expireAction} previous={view} />
    </div>
  );
}

/** "Previous secret ••••9f2c — stops working in 23 h 12 min — last used 3 min ago — 145 tokens in the last hour". */
export function PreviousSecretPanel({ projectId, previous, canExpire, expireAction }: {
  projectId: string;
  previous: PreviousSecretView;
  canExpire: boolean;
  expireAction: FormAction<null>;
}) {
  const [open, setOpen] = useState(false);
  const reauth = useReauth();
  const [result, dispatch, pending] = useActionState<ActionResult<null> | null, FormData>(async (prior, formData) => {
    const outcome = await expireAction(prior, formData);
    if (outcome.ok || outcome.code !== "reauth_required") setOpen(false);
    else reauth.intercept(outcome, () => dispatch(formData));
    return outcome;
  }, null);

  return (
    <div className="flex flex-col gap-2 rounded-md border border-amber-200 bg-amber-50/60 p-3 text-sm" data-testid="previous-secret">
      <p>
        <span className="font-medium">Previous secret {previous.masked}</span> — stops working in {previous.stopsIn} — last used {previous.lastUsed} —{" "}
        {previous.tokensLastHour} {previous.tokensLastHour === 1 ? "token" : "tokens"} in the last hour
      </p>
      {previous.looksSafeToExpire ? (
        <p className="text-emerald-800">Nothing has used it for 15 minutes while the new secret is in use: it looks safe to expire now.</p>
      ) : !previous.newSecretInUse ? (
        <p className="text-amber-900">No token has used the new secret yet: expire the old one only after your servers switched.</p>
      ) : null}
      {canExpire && (
        <Dialog open={open} onOpenChange={setOpen}>
          <DialogTrigger asChild>
            <Button variant="secondary" className="self-start">Expire now…</Button>
          </DialogTrigger>
          <DialogContent title="Expire the previous secret now?" description={`Tokens signed with ${previous.masked} are rejected from the next request on. Its ciphertext is deleted; only a fingerprint stays for the audit log.`}>
            <ActionForm dispatch={dispatch} className="flex justify-end gap-2">
              <input type="hidden" name="projectId" value={projectId} />
              <input type="hidden" name="previousSecretId" value={previous.id} />
              <DialogClose asChild>
                <Button variant="secondary">Cancel</Button>
              </DialogClose>
              <Button type="submit" variant="danger" disabled={pending}>{pending ? "Expiring…" : "Expire now"}</Button>
            </ActionForm>
          </DialogContent>
        </Dialog>
      )}
      <FormStatus result={result && (result.ok || result.code !== "reauth_required") ? result : null} />
    </div>
  );
}
