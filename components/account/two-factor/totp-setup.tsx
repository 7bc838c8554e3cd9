"use client";
import { useState } from "react";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { CopyButton } from "@/components/ui/copy-button";
import { useStepUpAction } from "@/components/step-up/step-up-provider";
import { fieldError } from "@/lib/result";
import type { FormAction } from "@/lib/actions/form-action";
import type { TotpEnrolment } from "@/lib/auth/second-factor/totp";

type FinishResult = { recoveryCodes: string[] | null };

/** The secret in groups of four, as authenticator apps show typed-in keys. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

function FinishSetup({ enrolment, action, onDone }: { enrolment: TotpEnrolment; action: FormAction<FinishResult>; onDone: (codes: string[] | null) => void }) {
  const [result, dispatch, pending] = useActionForm<FinishResult>(async (previous, formData) => {
    const outcome = await action(previous, formData);
    if (outcome.ok) onDone(outcome.data.recoveryCodes);
    return outcome;
  });
  return (
    <div className="flex flex-col gap-4">
      <ol className="flex list-decimal flex-col gap-2 pl-5 text-sm">
        <li>Scan this QR code with your authenticator app (1Password, Google Authenticator, Authy…).</li>
        <li>
          Can&apos;t scan it? Enter this key instead: <code className="rounded bg-surface-strong px-1 break-all" data-testid="totp-secret">{grouped(enrolment.secret)}</code>{" "}
          <CopyButton text={enrolment.secret} label="Copy key" ariaLabel="Copy setup key" />
        </li>
        <li>Type the 6-digit code the app shows.</li>
      </ol>
      {/* Server-rendered by the qrcode library from the otpauth URI: no third-party QR service sees the secret. */}
      <div role="img" aria-label="QR code for your authenticator app" className="w-44 rounded bg-white p-2" dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
      <ActionForm dispatch={dispatch} className="flex flex-col items-start gap-3">
        <Field label="6-digit code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} error={fieldError(result, "code", { orFormError: true })} />
        <Button type="submit" disabled={pending}>{pending ? "Checking…" : "Turn on"}</Button>
      </ActionForm>
    </div>
  );
}

/**
 * Set up an authenticator app: a fresh step-up, then scan, then one code proves the app holds the secret.
 * `onDone` gets the recovery codes to show: the caller keeps them, since the page re-renders without this form.
 */
export function TotpSetup({ startAction, finishAction, onDone }: { startAction: FormAction<TotpEnrolment>; finishAction: FormAction<FinishResult>; onDone: (codes: string[] | null) => void }) {
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [startResult, start, starting] = useStepUpAction(startAction, { success: setEnrolment });
  if (enrolment) return <FinishSetup enrolment={enrolment} action={finishAction} onDone={onDone} />;
  return (
    <ActionForm dispatch={start} className="flex flex-col items-start gap-2">
      <Button type="submit" variant="secondary" disabled={starting}>{starting ? "Preparing…" : "Set up an authenticator app"}</Button>
      <FormStatus result={startResult} />
    </ActionForm>
  );
}
