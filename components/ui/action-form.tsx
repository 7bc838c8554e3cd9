"use client";
import { startTransition, useActionState, type FormEvent, type FormHTMLAttributes, type ReactNode } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/result";
import type { FormAction } from "@/lib/actions/form-action";

/**
 * useActionState for every form: a success message is toasted (the aria-live region in the root
 * layout) as the action returns, so it shows even when the form itself goes away (a removed row, a
 * closed dialog, a page left); failures stay in the form for FormStatus and the fields.
 */
export function useActionForm<T>(action: FormAction<T>) {
  return useActionState<ActionResult<T> | null, FormData>(async (previous, formData) => {
    const result = await action(previous, formData);
    if (result.ok && result.message) toast.success(result.message);
    return result;
  }, null);
}

/**
 * Submits to a useActionState dispatcher without React's automatic form reset, so a refused
 * submission keeps everything the user typed.
 */
export function ActionForm({ dispatch, children, ...props }: Omit<FormHTMLAttributes<HTMLFormElement>, "action" | "onSubmit"> & {
  dispatch: (formData: FormData) => void;
  children: ReactNode;
}) {
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  }
  return (
    // method="post": if scripts fail to load, a native submit must never put field values (passwords) in the URL.
    <form noValidate method="post" onSubmit={onSubmit} {...props}>
      {children}
    </form>
  );
}
