"use client";
import { startTransition, type FormEvent, type FormHTMLAttributes, type ReactNode } from "react";

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
