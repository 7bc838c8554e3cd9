import type { SelectHTMLAttributes } from "react";
import { cn } from "@/components/ui/cn";

/** A labelled native select (keyboard and screen-reader friendly as is), styled like Field. */
export function SelectField({ label, name, error, options, hideLabel, className, ...select }: SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  name: string;
  options: { value: string; label: string }[];
  error?: string;
  /** For compact rows where the context already says what this is; screen readers still get the label. */
  hideLabel?: boolean;
}) {
  const id = select.id ?? `select-${name}`;
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <label htmlFor={id} className={hideLabel ? "sr-only" : "text-sm font-medium text-text"}>{label}</label>
      <select
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={cn("min-h-9 rounded-md border bg-surface px-2 py-1.5 text-sm", error ? "border-danger" : "border-border-input")}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>{option.label}</option>
        ))}
      </select>
      {error && <p id={`${id}-error`} role="alert" className="text-sm text-danger">{error}</p>}
    </div>
  );
}
