import type { InputHTMLAttributes } from "react";
import { cn } from "@/components/ui/cn";

/** A labelled input with its error underneath, wired up with aria-describedby for screen readers. */
export function Field({ label, name, error, hint, className, ...input }: InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  error?: string;
  hint?: string;
}) {
  const id = input.id ?? `field-${name}`;
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-medium text-text">{label}</label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={cn(
          "min-h-9 rounded-md border bg-surface px-3 py-1.5 text-sm shadow-xs",
          error ? "border-danger" : "border-border-input",
        )}
        {...input}
      />
      {hint && <p id={`${id}-hint`} className="text-xs text-muted">{hint}</p>}
      {error && <p id={`${id}-error`} role="alert" className="text-sm text-danger">{error}</p>}
    </div>
  );
}
