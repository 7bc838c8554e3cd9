import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/**
 * A box that scrolls sideways when its content is wider than the screen (code, wide tables): focusable and
 * named, so a keyboard user can Tab to it and scroll it with the arrow keys.
 */
export function ScrollRegion({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={cn("overflow-x-auto", className)}>
      {children}
    </div>
  );
}
