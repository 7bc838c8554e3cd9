import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export function Card({ title, description, children, className, id }: {
  title?: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  className?: string;
  id?: string;
}) {
  return (
    <section aria-labelledby={id && title ? `${id}-title` : undefined} className={cn("rounded-lg border border-border bg-surface shadow-sm", className)}>
      {title && (
        <header className="border-b border-border-subtle px-4 py-3 sm:px-5">
          <h2 id={id ? `${id}-title` : undefined} className="text-base font-semibold">{title}</h2>
          {description && <p className="mt-0.5 text-sm text-muted">{description}</p>}
        </header>
      )}
      <div className="px-4 py-4 sm:px-5">{children}</div>
    </section>
  );
}
