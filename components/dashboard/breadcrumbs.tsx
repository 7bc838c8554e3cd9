import Link from "next/link";
import { cn } from "@/components/ui/cn";

export type Crumb = { label: string; href?: string };

/**
 * "Team > Project > Settings > Identity"; the last crumb is the current page. Below `sm` it is one line
 * (long names truncated) without the current page, which the page's title names right below it.
 */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-muted">
      <ol className="flex items-center gap-1.5 sm:flex-wrap">
        {items.map((item, index) => {
          const last = index === items.length - 1;
          const beforeHidden = items.length > 1 && index === items.length - 2;
          return (
            <li key={`${item.label}-${index}`} className={cn("flex min-w-0 items-center gap-1.5", last && items.length > 1 && "max-sm:hidden")}>
              {item.href && !last ? (
                <Link href={item.href} className="truncate hover:text-text hover:underline" title={item.label}>{item.label}</Link>
              ) : (
                <span aria-current={last ? "page" : undefined} className={cn("truncate", last && "font-medium text-text")} title={item.label}>{item.label}</span>
              )}
              {!last && <span aria-hidden className={cn("shrink-0 text-muted", beforeHidden && "max-sm:hidden")}>&gt;</span>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
