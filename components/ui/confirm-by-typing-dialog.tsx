"use client";
import { useActionState, type ReactNode } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { TypeToConfirmField, useTypeToConfirm } from "@/components/ui/type-to-confirm";
import { fieldError, type ActionResult } from "@/lib/result";
import type { FormAction } from "@/lib/actions/form-action";

/** A destructive action confirmed by typing a name back; the server checks the name again. */
export function ConfirmByTypingDialog({ action, fields, name, triggerLabel, title, description, confirmLabel, pendingLabel, children, intercept }: {
  action: FormAction<unknown>;
  /** Hidden inputs identifying what is deleted. */
  fields: Record<string, string>;
  name: string;
  triggerLabel: string;
  title: string;
  description: string;
  confirmLabel: string;
  pendingLabel: string;
  /** Shown above the name field: what the action is about to break. */
  children?: ReactNode;
  /** Takes a failure the page handles itself (the password prompt, which calls `retry` once confirmed). */
  intercept?: (result: ActionResult<unknown>, retry: () => void) => boolean;
}) {
  const confirm = useTypeToConfirm(name);
  const [result, dispatch, pending] = useActionState<ActionResult<unknown> | null, FormData>(async (previous, formData) => {
    const outcome = await action(previous, formData);
    return intercept?.(outcome, () => dispatch(formData)) ? null : outcome;
  }, null);
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="danger">{triggerLabel}</Button>
      </DialogTrigger>
      <DialogContent title={title} description={description}>
        <ActionForm dispatch={dispatch} className="flex flex-col gap-4">
          {Object.entries(fields).map(([key, value]) => <input key={key} type="hidden" name={key} value={value} />)}
          {children}
          <TypeToConfirmField confirm={confirm} error={fieldError(result, "confirmation", { orFormError: true })} />
          <DialogActions confirmLabel={confirmLabel} pendingLabel={pendingLabel} pending={pending} variant="danger" disabled={!confirm.confirmed} />
        </ActionForm>
      </DialogContent>
    </Dialog>
  );
}
