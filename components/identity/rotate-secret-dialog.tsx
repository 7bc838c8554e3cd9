"use client";
import { useActionState, useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { FormStatus } from "@/components/ui/form-status";
import type { ActionResult } from "@/lib/result";
import type { FormAction } from "@/lib/actions/form-action";
import type { SecretView } from "@/lib/identity/secret-view";

export function RotateSecretDialog({ projectId, expectedSecretId, action, onRotated }: {
  projectId: string;
  /** The secret the admin is looking at: a stale or repeated confirm is refused instead of rotating twice. */
  expectedSecretId: string;
  action: FormAction<SecretView>;
  onRotated: (view: SecretView) => void;
}) {
  const [open, setOpen] = useState(false);
  const [result, dispatch, pending] = useActionState<ActionResult<SecretView> | null, FormData>(async (previous, formData) => {
    const outcome = await action(previous, formData);
    if (outcome.ok) {
      onRotated(outcome.data);
      setOpen(false);
    }
    return outcome;
  }, null);

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogTrigger asChild>
          <Button variant="secondary">Rotate secret…</Button>
        </DialogTrigger>
        <DialogContent
          title="Rotate the signing secret?"
          description={
            <>
              <p>A new secret replaces the current one <strong>immediately</strong>. Tokens signed with the current secret stop verifying until
                your servers use the new one.</p>
              <p className="mt-2">Do this right away if the secret may have leaked.</p>
            </>
          }
        >
          <ActionForm dispatch={dispatch} className="flex flex-col gap-3">
            <input type="hidden" name="projectId" value={projectId} />
            <input type="hidden" name="expectedSecretId" value={expectedSecretId} />
            {result && !result.ok && <FormStatus result={result} />}
            <div className="flex justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary">Cancel</Button>
              </DialogClose>
              <Button type="submit" variant="danger" disabled={pending}>{pending ? "Rotating…" : "Rotate secret"}</Button>
            </div>
          </ActionForm>
        </DialogContent>
      </Dialog>
      {!open && <FormStatus result={result} />}
    </div>
  );
}
