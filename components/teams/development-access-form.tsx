"use client";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import type { FormAction } from "@/lib/actions/form-action";

/** The owner's switch: may members reveal the development secret? Production is never affected. */
export function DevelopmentAccessForm({ teamId, allowed, action }: { teamId: string; allowed: boolean; action: FormAction<{ allowed: boolean }> }) {
  const [result, dispatch, pending] = useActionForm(action);
  const current = result?.ok ? result.data.allowed : allowed;
  return (
    <ActionForm dispatch={dispatch} className="flex flex-col gap-3">
      <input type="hidden" name="teamId" value={teamId} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Who may reveal development secrets</legend>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name="membersMayReveal" value="no" defaultChecked={!current} className="mt-0.5" />
          <span>Owners and admins only</span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name="membersMayReveal" value="yes" defaultChecked={current} className="mt-0.5" />
          <span>Members too: they are the developers who put it in <code>.env.local</code></span>
        </label>
      </fieldset>
      <p className="text-xs text-muted">Production secrets stay owner and admin only, whatever this says.</p>
      <div><Button type="submit" variant="secondary" disabled={pending}>{pending ? "Saving…" : "Save"}</Button></div>
      <FormStatus result={result} />
    </ActionForm>
  );
}
