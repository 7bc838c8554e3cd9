"use client";
import { createContext, startTransition, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { useActionForm } from "@/components/ui/action-form";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import type { ActionResult, Failure } from "@/lib/result";
import type { FormAction } from "@/lib/actions/form-action";
import { REAUTH_REQUIRED } from "@/lib/actions/failure-codes";
import type { Factor } from "@/lib/auth/second-factor/factors";
import { CodeStepUpForm, PasswordStepUpForm, type StepUpPlace } from "@/components/step-up/step-up-forms";
import { PasskeyStepUp, type PasskeyStepUpActions } from "@/components/step-up/passkey-step-up";

type StepUp = {
  /** True if `result` asked for a fresh confirmation: the prompt opens and `retry` runs once it is given. */
  intercept: (result: ActionResult<unknown>, retry: () => void) => boolean;
};

const StepUpContext = createContext<StepUp | null>(null);

export function useStepUp(): StepUp {
  const stepUp = useContext(StepUpContext);
  if (!stepUp) throw new Error("useStepUp must be used inside StepUpProvider");
  return stepUp;
}

/**
 * useActionForm for an action behind the step-up prompt: a reauth_required answer opens the prompt and
 * runs the same submission again once the user confirmed; that answer is never shown as an error.
 */
export function useStepUpAction<T>(action: FormAction<T>, on: { success?: (data: T) => void; failure?: (failure: Failure) => void } = {}) {
  const stepUp = useStepUp();
  const [result, dispatch, pending] = useActionForm<T>(async (previous, formData) => {
    const outcome = await action(previous, formData);
    if (outcome.ok) on.success?.(outcome.data);
    else if (!stepUp.intercept(outcome, () => dispatch(formData))) on.failure?.(outcome);
    return outcome;
  });
  const shown = result && (result.ok || result.code !== REAUTH_REQUIRED) ? result : null;
  return [shown, dispatch, pending] as const;
}

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

export type StepUpActions = { password: FormAction<null>; code: FormAction<null> } & PasskeyStepUpActions;

const PROMPTS: Record<Factor, { title: string; description: string }> = {
  password: {
    title: "Confirm your password",
    description: "Revealing, rotating or expiring a secret, deleting a project or team, and changing your sign-in methods need your password from the last 5 minutes.",
  },
  totp: {
    title: "Confirm with your authenticator app",
    description: "Your account has an authenticator app, so sensitive actions need a code from it (or a recovery code) from the last 5 minutes.",
  },
  passkey: {
    title: "Confirm with your passkey",
    description: "Your account has a passkey, so sensitive actions need it (or a recovery code) from the last 5 minutes.",
  },
};

/** Asks for the strongest factor the user has (`factor`) before an action that answered reauth_required. */
export function StepUpProvider({ factor, place, actions, children }: { factor: Factor; place: StepUpPlace; actions: StepUpActions; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const retry = useRef<(() => void) | null>(null);
  const confirmed = () => {
    setOpen(false);
    const next = retry.current;
    retry.current = null;
    if (next) startTransition(next);
  };

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

  const intercept: StepUp["intercept"] = (outcome, retryAction) => {
    if (outcome.ok || outcome.code !== REAUTH_REQUIRED) return false;
    retry.current = retryAction;
    promptOpen.current = true;
    setOpen(true);
    return true;
  };

  const prompt = PROMPTS[factor];
  return (
    <StepUpContext value={{ intercept }}>
      {children}
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent onCloseAutoFocus={restoreFocus} title={prompt.title} description={prompt.description}>
          {factor === "password" && <PasswordStepUpForm action={actions.password} place={place} onConfirmed={confirmed} />}
          {factor === "totp" && <CodeStepUpForm action={actions.code} place={place} onConfirmed={confirmed} />}
          {factor === "passkey" && <PasskeyStepUp actions={actions} codeAction={actions.code} place={place} onConfirmed={confirmed} />}
        </DialogContent>
      </Dialog>
    </StepUpContext>
  );
}
