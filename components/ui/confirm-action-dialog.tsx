"use client";
import { useState, type ReactNode } from "react";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { Dialog, DialogActions, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { FormStatus } from "@/components/ui/form-status";
import { cn } from "@/components/ui/cn";
import type { FormAction } from "@/lib/actions/form-action";

/** A button that opens a confirm dialog posting hidden fields to one action (remove, leave). */
export function ConfirmActionDialog<T>({ action, fields, trigger, triggerLabel, title, description, confirmLabel, pendingLabel, variant = "danger", align = "end" }: {
  action: FormAction<T>;
  fields: Record<string, string>;
  trigger: string;
  /** Names the target when several triggers share a page ("Remove ada@…"). */
  triggerLabel?: string;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  variant?: ButtonVariant;
  /** "end" in list rows, "start" alone in a card. */
  align?: "start" | "end";
}) {
  const [open, setOpen] = useState(false);
  const [result, dispatch, pending] = useActionForm<T>(async (previous, formData) => {
    const outcome = await action(previous, formData);
    if (outcome.ok) setOpen(false);
    return outcome;
  });

  return (
    <div className={cn("flex flex-col gap-1", align === "end" ? "items-end" : "items-start")}>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogTrigger asChild>
          <Button variant="secondary" aria-label={triggerLabel}>{trigger}</Button>
        </DialogTrigger>
        <DialogContent title={title} description={description}>
          <ActionForm dispatch={dispatch} className="flex flex-col gap-3">
            {Object.entries(fields).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <FormStatus result={result} />
            <DialogActions confirmLabel={confirmLabel} pendingLabel={pendingLabel} pending={pending} variant={variant} />
          </ActionForm>
        </DialogContent>
      </Dialog>
      {!open && <FormStatus result={result} />}
    </div>
  );
}
