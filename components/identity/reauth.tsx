"use client";
import { createContext, startTransition, useActionState, useContext, useRef, useState, type ReactNode } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/result";
import type { FormAction } from "@/lib/actions/form-action";

type Reauth = {
  /** True if `result` asked for the password: the prompt opens and `retry` runs once it is confirmed. */
  intercept: (result: ActionResult<unknown>, retry: () => void) => boolean;
};

const ReauthContext = createContext<Reauth | null>(null);

export function useReauth(): Reauth {
  const reauth = useContext(ReauthContext);
  if (!reauth) throw new Error("useReauth must be used inside ReauthProvider");
  return reauth;
}

/** Asks for the password before reveal, rotate, expire and delete when it wasn't confirmed in the last 5 minutes. */
export function ReauthProvider({ projectId, confirmAction, children }: { projectId: string; confirmAction: FormAction<null>; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const retry = useRef<(() => void) | null>(null);
  const [result, dispatch, pending] = useActionState<ActionResult<null> | null, FormData>(async (previous, formData) => {
    const outcome = await confirmAction(previous, formData);
    if (outcome.ok) {
      setOpen(false);
      const next = retry.current;
      retry.current = null;
      if (next) startTransition(next);
    }
    return outcome;
  }, null);

  const intercept: Reauth["intercept"] = (outcome, retryAction) => {
    if (outcome.ok || outcome.code !== "reauth_required") return false;
    retry.current = retryAction;
    setOpen(true);
    return true;
  };

  return (
    <ReauthContext value={{ intercept }}>
      {children}
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent title="Confirm your password" description="Revealing, rotating or expiring a secret, and deleting a project, need your password from the last 5 minutes.">
          <ActionForm dispatch={dispatch} className="flex flex-col gap-4">
            <input type="hidden" name="projectId" value={projectId} />
            <Field
              label="Password"
              name="password"
              type="password"
              autoComplete="current-password"
              autoFocus
              error={result && !result.ok ? result.fieldErrors?.password ?? result.error : undefined}
            />
            <div className="flex justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary">Cancel</Button>
              </DialogClose>
              <Button type="submit" disabled={pending}>{pending ? "Checking…" : "Confirm"}</Button>
            </div>
          </ActionForm>
        </DialogContent>
      </Dialog>
    </ReauthContext>
  );
}
