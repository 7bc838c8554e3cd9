"use client";
import { useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { useStepUpAction } from "@/components/step-up/step-up-provider";
import { RecoveryCodesShown } from "@/components/account/recovery-codes-shown";
import type { FormAction } from "@/lib/actions/form-action";

export function RecoveryCodesStatus({ left, action }: { left: number; action: FormAction<{ recoveryCodes: string[] }> }) {
  const [codes, setCodes] = useState<string[] | null>(null);
  const [result, replace, replacing] = useStepUpAction(action, { success: (data) => setCodes(data.recoveryCodes) });
  if (codes) return <RecoveryCodesShown codes={codes} />;
  return (
    <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
      <p className="text-sm" data-testid="recovery-codes-left">
        Recovery codes: {left} unused{left <= 2 ? " — make new ones before you run out." : "."}
      </p>
      <ActionForm dispatch={replace} className="flex flex-col items-start gap-1 sm:items-end">
        <Button type="submit" variant="secondary" disabled={replacing}>{replacing ? "Making…" : "Make new recovery codes"}</Button>
        <FormStatus result={result} />
      </ActionForm>
    </div>
  );
}
