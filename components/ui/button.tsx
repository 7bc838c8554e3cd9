import type { ButtonHTMLAttributes } from "react";
import { cn } from "@/components/ui/cn";

const VARIANTS = {
  primary: "bg-accent text-on-accent hover:bg-accent-hover disabled:bg-accent-disabled",
  secondary: "border border-border-input bg-surface text-text hover:bg-surface-strong disabled:text-muted",
  danger: "bg-danger-solid text-on-accent hover:bg-danger-solid-hover disabled:bg-danger-disabled",
  ghost: "text-text-soft hover:bg-surface-strong",
} as const;

export type ButtonVariant = keyof typeof VARIANTS;

export function buttonClasses(variant: ButtonVariant = "primary", className?: string): string {
  return cn(
    "inline-flex min-h-9 items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium",
    "transition-colors disabled:cursor-not-allowed",
    VARIANTS[variant],
    className,
  );
}

export function Button({ variant = "primary", className, type = "button", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type={type} className={buttonClasses(variant, className)} {...props} />;
}
