"use client";
import type { FormAction } from "@/lib/actions/form-action";
import { CodeStepUpForm, type StepUpPlace } from "@/components/step-up/step-up-forms";

// Placeholder until passkeys land: a passkey owner can step up with a recovery code.
export type PasskeyStepUpActions = Record<never, FormAction<unknown>>;

export function PasskeyStepUp({ codeAction, place, onConfirmed }: { actions: PasskeyStepUpActions; codeAction: FormAction<null>; place: StepUpPlace; onConfirmed: () => void }) {
  return <CodeStepUpForm action={codeAction} place={place} onConfirmed={onConfirmed} recoveryOnly />;
}
