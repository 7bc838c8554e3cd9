"use client";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { useStepUpAction } from "@/components/step-up/step-up-provider";
import type { FormAction } from "@/lib/actions/form-action";

/** The owner's switch: do revealing, rotating and expiring secrets need a second factor? */
export function SecondFactorRequirementForm({ teamId, required, action }: { teamId: string; required: boolean; action: FormAction<{ required: boolean }> }) {
  const [result, dispatch, pending] = useStepUpAction(action);
  const current = result?.ok ? result.data.required : required;
  return (
    <ActionForm dispatch={dispatch} className="flex flex-col gap-3">
      <input type="hidden" name="teamId" value={teamId} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Who may reveal, rotate or expire signing secrets</legend>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name="required" value="no" defaultChecked={!current} className="mt-0.5" />
          <span>Anyone whose role allows it</span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name="required" value="yes" defaultChecked={current} className="mt-0.5" />
          <span>Only those with a second factor (a passkey or an authenticator app)</span>
        </label>
      </fieldset>
      <p className="text-xs text-muted">Members without one can still open every page; the page tells them what to add.</p>
      <div><Button type="submit" variant="secondary" disabled={pending}>{pending ? "Saving…" : "Save"}</Button></div>
      <FormStatus result={result} />
    </ActionForm>
  );
}
