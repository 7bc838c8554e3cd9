"use client";
import { useState } from "react";
import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/browser";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useStepUpAction } from "@/components/step-up/step-up-provider";
import { RecoveryCodesShown } from "@/components/account/recovery-codes-shown";
import { failure, fieldError, type ActionResult } from "@/lib/result";
import type { FormAction } from "@/lib/actions/form-action";
import { browserPasskeyFailure } from "@/lib/auth/second-factor/webauthn-browser-errors";
import { PASSKEY_NAME_MAX } from "@/lib/auth/second-factor/passkey-name";

type Added = { recoveryCodes: string[] | null };
export type AddPasskeyActions = { options: FormAction<PublicKeyCredentialCreationOptionsJSON>; add: FormAction<Added> };

/**
 * One submission runs the whole ceremony: options from the server (behind the step-up prompt, so it comes
 * before the browser's), the browser's passkey prompt, then the server checks and stores its answer.
 */
function registering({ options, add }: AddPasskeyActions): FormAction<Added> {
  return async (_previous, formData): Promise<ActionResult<Added>> => {
    const started = await options(null, formData);
    if (!started.ok) return started;
    let answer: Awaited<ReturnType<typeof startRegistration>>;
    try {
      answer = await startRegistration({ optionsJSON: started.data });
    } catch (error) {
      return failure(browserPasskeyFailure(error));
    }
    const form = new FormData();
    form.set("name", String(formData.get("name") ?? ""));
    form.set("response", JSON.stringify(answer));
    return add(null, form);
  };
}

/** "Add a passkey", named after this browser and device unless the user says otherwise; the first second factor shows its recovery codes once. */
export function AddPasskey({ actions, defaultName }: { actions: AddPasskeyActions; defaultName: string }) {
  const [codes, setCodes] = useState<string[] | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [result, dispatch, pending] = useStepUpAction(registering(actions), {
    success: (added) => {
      setCodes(added.recoveryCodes);
      setFormKey((key) => key + 1); // a fresh name field for the next one
    },
  });
  return (
    <div className="flex flex-col gap-4">
      {codes && <RecoveryCodesShown codes={codes} />}
      <ActionForm key={formKey} dispatch={dispatch} className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <Field
          label="Passkey name"
          name="name"
          className="flex-1"
          defaultValue={defaultName}
          maxLength={PASSKEY_NAME_MAX}
          hint="So you can tell your passkeys apart, e.g. the device or password manager that holds it."
          error={fieldError(result, "name", { orFormError: true })}
        />
        <Button type="submit" variant="secondary" disabled={pending} className="sm:mt-6">{pending ? "Waiting for your passkey…" : "Add a passkey"}</Button>
      </ActionForm>
    </div>
  );
}
