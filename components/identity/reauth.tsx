"use client";
import { createContext, startTransition, useActionState, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { Dialog, DialogActions, DialogContent } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { fieldError, type ActionResult, type Failure } from "@/lib/result";
import type { FormAction } from "@/lib/actions/form-action";
import { REAUTH_REQUIRED } from "@/lib/actions/failure-codes";

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

/**
 * useActionForm for an action behind the password prompt: a reauth_required answer opens the prompt and
 * runs the same submission again once the password is confirmed; that answer is never shown as an error.
 */
export function useReauthAction<T>(action: FormAction<T>, on: { success?: (data: T) => void; failure?: (failure: Failure) => void } = {}) {
  const reauth = useReauth();
  const [result, dispatch, pending] = useActionForm<T>(async (previous, formData) => {
    const outcome = await action(previous, formData);
    if (outcome.ok) on.success?.(outcome.data);
    else if (!reauth.intercept(outcome, () => dispatch(formData))) on.failure?.(outcome);
    return outcome;
  });
  const shown = result && (result.ok || result.code !== REAUTH_REQUIRED) ? result : null;
  return [shown, dispatch, pending] as const;
}

/** Asks for the password before reveal, rotate, expire and delete when it wasn't confirmed in the last 5 minutes. */
/**
 * Focuses `target`, retrying for about a second while it can't take focus yet (the button that led to the
 * prompt stays disabled until its action's transition ends) and nothing else has taken focus meanwhile.
 */
function focusOnceEnabled(target: HTMLElement, framesLeft = 60): void {
  target.focus();
  if (document.activeElement === target || framesLeft === 0 || !target.isConnected) return;
  if (document.activeElement && document.activeElement !== document.body) return; // someone moved on
  requestAnimationFrame(() => focusOnceEnabled(target, framesLeft - 1));
}

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

  // The prompt has no trigger, and the button that led to it is disabled while its action runs, so focus is on
  // <body> when it opens: remember the last element focused outside the prompt and give focus back to it.
  const returnFocusTo = useRef<HTMLElement | null>(null);
  const promptOpen = useRef(false);
  useEffect(() => {
    const remember = (event: FocusEvent) => {
      if (!promptOpen.current && event.target instanceof HTMLElement) returnFocusTo.current = event.target;
    };
    document.addEventListener("focusin", remember);
    return () => document.removeEventListener("focusin", remember);
  }, []);
  const restoreFocus = (event: Event) => {
    promptOpen.current = false;
    const target = returnFocusTo.current;
    if (!target?.isConnected) return;
    event.preventDefault();
    focusOnceEnabled(target);
  };

  const intercept: Reauth["intercept"] = (outcome, retryAction) => {
    if (outcome.ok || outcome.code !== REAUTH_REQUIRED) return false;
    retry.current = retryAction;
    promptOpen.current = true;
    setOpen(true);
    return true;
  };

  return (
    <ReauthContext value={{ intercept }}>
      {children}
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent onCloseAutoFocus={restoreFocus} title="Confirm your password" description="Revealing, rotating or expiring a secret, and deleting a project, need your password from the last 5 minutes.">
          <ActionForm dispatch={dispatch} className="flex flex-col gap-4">
            <input type="hidden" name="projectId" value={projectId} />
            <Field
              label="Password"
              name="password"
              type="password"
              autoComplete="current-password"
              autoFocus
              error={fieldError(result, "password", { orFormError: true })}
            />
            <DialogActions confirmLabel="Confirm" pendingLabel="Checking…" pending={pending} />
          </ActionForm>
        </DialogContent>
      </Dialog>
    </ReauthContext>
  );
}
