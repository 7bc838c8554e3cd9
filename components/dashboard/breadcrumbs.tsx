import Link from "next/link";

export type Crumb = { label: string; href?: string };

/** "Team > Project > Settings > Identity"; the last crumb is the current page. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-muted">
      <ol className="flex flex-wrap items-center gap-1.5">
        {items.map((item, index) => {
          const last = index === items.length - 1;
          return (
            <li key={`${item.label}-${index}`} className="flex items-center gap-1.5">
              {item.href && !last ? (
                <Link href={item.href} className="hover:text-text hover:underline">{item.label}</Link>
              ) : (
                <span aria-current={last ? "page" : undefined} className={last ? "font-medium text-text" : undefined}>{item.label}</span>
              )}
              {!last && <span aria-hidden className="text-muted">&gt;</span>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
