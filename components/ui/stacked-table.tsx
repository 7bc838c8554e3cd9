import type { ReactNode } from "react";

/**
 * A table that below `md` shows each row as a card of labelled fields: one markup for both widths, so
 * screen readers keep the table (its header row is only visually hidden on narrow screens).
 */
export const stackedTable = {
  table: "w-full text-left text-sm max-md:block",
  head: "max-md:sr-only",
  headCell: "py-1 pr-3 font-medium whitespace-nowrap",
  body: "max-md:flex max-md:flex-col max-md:gap-2",
  /** Below `md` a two-column grid: give cells `max-md:col-span-2` to take a whole line. */
  row: "border-b border-border-subtle max-md:grid max-md:grid-cols-2 max-md:gap-x-3 max-md:gap-y-2 max-md:rounded-md max-md:border max-md:border-border max-md:p-3",
  cell: "py-1.5 pr-3 max-md:flex max-md:min-w-0 max-md:flex-col max-md:p-0",
};

/** A cell's column name, shown above its value when the row is a card (the header row names it for screen readers). */
export function CellLabel({ children }: { children: ReactNode }) {
  return <span aria-hidden className="text-xs text-muted md:hidden">{children}</span>;
}
