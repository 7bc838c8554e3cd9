"use client";
import { useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { FormStatus } from "@/components/ui/form-status";
import { useStepUpAction } from "@/components/step-up/step-up-provider";
import type { FormAction } from "@/lib/actions/form-action";

/** Remove, confirmed in a dialog; the server asks for a fresh step-up first (the page's prompt, then it goes through). */
export function RemovePasskey({ action, passkeyId, name, last }: { action: FormAction<null>; passkeyId: string; name: string; last: boolean }) {
  const [open, setOpen] = useState(false);
  const [result, dispatch, pending] = useStepUpAction(action, { success: () => setOpen(false) });
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary" aria-label={`Remove ${name}`}>Remove</Button>
      </DialogTrigger>
      <DialogContent
        title={`Remove ${name}?`}
        description={
          last
            ? "It is your only second factor: your recovery codes stop working too, and sensitive actions go back to asking for your password."
            : "It can no longer confirm sensitive actions. Remove it from the authenticator too if you don't use it elsewhere."
        }
      >
        <ActionForm dispatch={dispatch} className="flex flex-col gap-3">
          <input type="hidden" name="passkeyId" value={passkeyId} />
          <FormStatus result={result} />
          <DialogActions confirmLabel="Remove passkey" pendingLabel="Removing…" pending={pending} variant="danger" />
        </ActionForm>
      </DialogContent>
    </Dialog>
  );
}
