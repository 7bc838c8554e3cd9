"use client";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { useStepUpAction } from "@/components/step-up/step-up-provider";
import type { FormAction } from "@/lib/actions/form-action";

export function TotpEnrolled({ since, removeAction }: { since: string; removeAction: FormAction<null> }) {
  const [result, remove, removing] = useStepUpAction(removeAction);
  return (
    <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
      <p className="text-sm" data-testid="totp-status">Authenticator app: on since {since}.</p>
      <ActionForm dispatch={remove} className="flex flex-col items-start gap-1 sm:items-end">
        <Button type="submit" variant="secondary" disabled={removing}>{removing ? "Removing…" : "Remove authenticator app"}</Button>
        <FormStatus result={result} />
      </ActionForm>
    </div>
  );
}
