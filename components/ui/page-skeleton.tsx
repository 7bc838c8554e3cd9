import { cn } from "@/components/ui/cn";

function Bar({ className }: { className?: string }) {
  return <div className={cn("rounded bg-surface-strong motion-safe:animate-pulse", className)} />;
}

/**
 * A page's outline while its data loads (a route's loading.tsx): breadcrumbs, title, then `cards` cards of
 * `rows` lines each. Screen readers hear `label` once (role="status"); the shapes are hidden from them.
 */
export function PageSkeleton({ label, cards = 2, rows = 3, className }: { label: string; cards?: number; rows?: number; className?: string }) {
  return (
    <div aria-busy="true" className={cn("mx-auto flex w-full max-w-3xl flex-col gap-6", className)} data-testid="page-skeleton">
      <p role="status" className="sr-only">{label}</p>
      <div aria-hidden className="flex flex-col gap-6">
        <Bar className="h-4 w-48" />
        <Bar className="h-7 w-64" />
        {Array.from({ length: cards }, (_, card) => (
          <div key={card} className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-4 sm:p-5">
            <Bar className="h-5 w-40" />
            {Array.from({ length: rows }, (_, row) => (
              <Bar key={row} className={cn("h-4", row % 2 ? "w-2/3" : "w-full")} />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
