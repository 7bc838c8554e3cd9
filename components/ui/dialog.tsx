"use client";
import * as DialogPrimitive from "@radix-ui/react-dialog";
import type { ReactNode } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";

export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;
export const DialogClose = DialogPrimitive.Close;

/** Radix handles focus trap, Escape, and returning focus to the trigger. */
export function DialogContent({ title, description, children, onCloseAutoFocus }: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  /** For a dialog opened without a trigger: Radix would return focus to whatever had it on opening. */
  onCloseAutoFocus?: (event: Event) => void;
}) {
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-overlay" />
      <DialogPrimitive.Content onCloseAutoFocus={onCloseAutoFocus} className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg bg-surface p-5 shadow-xl">
        <DialogPrimitive.Title className="text-lg font-semibold">{title}</DialogPrimitive.Title>
        {description ? (
          <DialogPrimitive.Description asChild>
            <div className="mt-2 text-sm text-muted">{description}</div>
          </DialogPrimitive.Description>
        ) : (
          <DialogPrimitive.Description className="sr-only">{title}</DialogPrimitive.Description>
        )}
        <div className="mt-4">{children}</div>
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

/** Cancel, then the submit button every confirming dialog ends with; it says what is happening while pending. */
export function DialogActions({ confirmLabel, pendingLabel, pending, variant = "primary", disabled = false }: {
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  variant?: ButtonVariant;
  disabled?: boolean;
}) {
  return (
    <div className="flex justify-end gap-2">
      <DialogClose asChild>
        <Button variant="secondary">Cancel</Button>
      </DialogClose>
      <Button type="submit" variant={variant} disabled={pending || disabled}>{pending ? pendingLabel : confirmLabel}</Button>
    </div>
  );
}
