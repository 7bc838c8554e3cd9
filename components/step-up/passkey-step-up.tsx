"use client";
import { useState, useTransition } from "react";
import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { Button } from "@/components/ui/button";
import { DialogClose } from "@/components/ui/dialog";
import { FormStatus } from "@/components/ui/form-status";
import { failure, type ActionResult } from "@/lib/result";
import type { FormAction } from "@/lib/actions/form-action";
import { browserPasskeyFailure } from "@/lib/auth/second-factor/webauthn-browser-errors";
import { CodeStepUpForm, type StepUpPlace } from "@/components/step-up/step-up-forms";

export type PasskeyStepUpActions = {
  /** A challenge for the caller's passkeys (app/(dashboard)/actions.ts passkeyStepUpOptionsAction). */
  passkeyOptions: FormAction<PublicKeyCredentialRequestOptionsJSON>;
  /** Checks the browser's answer to it (confirmPasskeyAction). */
  passkey: FormAction<null>;
};

function placeForm(place: StepUpPlace): FormData {
  const form = new FormData();
  if (place.projectId) form.set("projectId", place.projectId);
  if (place.teamId) form.set("teamId", place.teamId);
  return form;
}

/** Options from the server, the browser's passkey prompt, then the server checks its answer. */
async function confirmWithPasskey(actions: PasskeyStepUpActions, place: StepUpPlace): Promise<ActionResult<null>> {
  const options = await actions.passkeyOptions(null, placeForm(place));
  if (!options.ok) return options;
  let answer: Awaited<ReturnType<typeof startAuthentication>>;
  try {
    answer = await startAuthentication({ optionsJSON: options.data });
  } catch (error) {
    return failure(browserPasskeyFailure(error));
  }
  const form = placeForm(place);
  form.set("response", JSON.stringify(answer));
  return actions.passkey(null, form);
}

/** The prompt for a passkey owner: their passkey, or a recovery code if it is lost. */
export function PasskeyStepUp({ actions, codeAction, place, onConfirmed }: { actions: PasskeyStepUpActions; codeAction: FormAction<null>; place: StepUpPlace; onConfirmed: () => void }) {
  const [recovery, setRecovery] = useState(false);
  const [result, setResult] = useState<ActionResult<null> | null>(null);
  const [pending, startTransition] = useTransition();

  if (recovery) {
    return (
      <div className="flex flex-col gap-3">
        <CodeStepUpForm action={codeAction} place={place} onConfirmed={onConfirmed} recoveryOnly />
        <Button variant="ghost" className="self-start" onClick={() => setRecovery(false)}>Use my passkey</Button>
      </div>
    );
  }

  const confirm = () =>
    startTransition(async () => {
      const outcome = await confirmWithPasskey(actions, place);
      startTransition(() => setResult(outcome));
      if (outcome.ok) onConfirmed();
    });

  return (
    <div className="flex flex-col gap-4">
      <FormStatus result={result} />
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="ghost" className="mr-auto" onClick={() => setRecovery(true)}>Use a recovery code instead</Button>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        {/* autoFocus: the prompt's one action, so Enter confirms as it does in the password prompt. */}
        <Button autoFocus disabled={pending} onClick={confirm}>{pending ? "Waiting for your passkey…" : "Use passkey"}</Button>
      </div>
    </div>
  );
}
