"use client";
import { useActionState, useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { fieldError, type ActionResult } from "@/lib/result";
import type { FormAction } from "@/lib/actions/form-action";

/** Where the prompt sits (its project or team), sent along so the attempt is logged there. */
export type StepUpPlace = { projectId?: string; teamId?: string };

export type StepUpFormProps = { action: FormAction<null>; place: StepUpPlace; onConfirmed: () => void };

function PlaceFields({ place }: { place: StepUpPlace }) {
  return (
    <>
      {place.projectId && <input type="hidden" name="projectId" value={place.projectId} />}
      {place.teamId && <input type="hidden" name="teamId" value={place.teamId} />}
    </>
  );
}

function useConfirmation(action: FormAction<null>, onConfirmed: () => void) {
  return useActionState<ActionResult<null> | null, FormData>(async (previous, formData) => {
    const outcome = await action(previous, formData);
    if (outcome.ok) onConfirmed();
    return outcome;
  }, null);
}

export function PasswordStepUpForm({ action, place, onConfirmed }: StepUpFormProps) {
  const [result, dispatch, pending] = useConfirmation(action, onConfirmed);
  return (
    <ActionForm dispatch={dispatch} className="flex flex-col gap-4">
      <PlaceFields place={place} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" autoFocus error={fieldError(result, "password", { orFormError: true })} />
      <DialogActions confirmLabel="Confirm" pendingLabel="Checking…" pending={pending} />
    </ActionForm>
  );
}

/** An authenticator-app code; `recoveryOnly` (a passkey owner's fallback) asks for a recovery code alone. */
export function CodeStepUpForm({ action, place, onConfirmed, recoveryOnly = false }: StepUpFormProps & { recoveryOnly?: boolean }) {
  const [result, dispatch, pending] = useConfirmation(action, onConfirmed);
  const [recovery, setRecovery] = useState(recoveryOnly);
  const error = fieldError(result, "code", { orFormError: true });
  return (
    <ActionForm dispatch={dispatch} className="flex flex-col gap-4">
      <PlaceFields place={place} />
      {recovery ? (
        <Field key="recovery" label="Recovery code" name="code" autoComplete="off" spellCheck={false} autoFocus hint="One of the codes you saved when you set up your second factor. Each works once." error={error} />
      ) : (
        <Field key="totp" label="6-digit code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]*" maxLength={7} autoFocus hint="From your authenticator app." error={error} />
      )}
      {!recoveryOnly && (
        <Button variant="ghost" className="self-start" onClick={() => setRecovery((on) => !on)}>
          {recovery ? "Use my authenticator app" : "Use a recovery code instead"}
        </Button>
      )}
      <DialogActions confirmLabel="Confirm" pendingLabel="Checking…" pending={pending} />
    </ActionForm>
  );
}
