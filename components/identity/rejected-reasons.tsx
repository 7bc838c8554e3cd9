"use client";
import { formatRelativeTime } from "@/lib/format-time";
import { CAUSE_SUMMARIES, type FailureCause } from "@/lib/identity/token-verifier/causes";
import type { RejectedReason } from "@/lib/identity/integration-status";
import { openInDebugger } from "@/components/identity/debugger-handoff";
import { cn } from "@/components/ui/cn";
import { CellLabel, stackedTable } from "@/components/ui/stacked-table";

const summaryOf = (cause: string) => (Object.hasOwn(CAUSE_SUMMARIES, cause) ? CAUSE_SUMMARIES[cause as FailureCause] : cause);

/** Each reject reason of the last 24 h: how often, when last, and its latest example for the debugger. */
export function RejectedReasons({ reasons, now }: { reasons: RejectedReason[]; now: Date }) {
  return (
    <table className={stackedTable.table} aria-label="Rejected tokens by cause">
      <thead className={stackedTable.head}>
        <tr className="border-b border-border text-muted">
          {["Cause", "Count", "Last", ""].map((h, index) => <th key={index} className={stackedTable.headCell}>{h}</th>)}
        </tr>
      </thead>
      <tbody className={stackedTable.body}>
        {reasons.map((reason) => (
          <tr key={reason.cause} className={stackedTable.row} data-cause={reason.cause}>
            <td className={cn(stackedTable.cell, "max-md:col-span-2")}>
              <code className="break-words">{reason.cause}</code>
              <span className="block text-xs text-muted">{summaryOf(reason.cause)}</span>
            </td>
            <td className={stackedTable.cell}><CellLabel>Count</CellLabel>{reason.count}</td>
            <td className={cn(stackedTable.cell, "whitespace-nowrap")}>
              <CellLabel>Last</CellLabel>
              {reason.lastAt ? <time dateTime={reason.lastAt}>{formatRelativeTime(new Date(reason.lastAt), now)}</time> : "–"}
            </td>
            <td className={cn(stackedTable.cell, "text-right whitespace-nowrap max-md:col-span-2 max-md:items-start max-md:empty:hidden")}>
              {reason.example && (
                <button
                  type="button"
                  className="text-sm font-medium text-link underline-offset-2 hover:underline"
                  onClick={() => openInDebugger(reason.example!.header, reason.example!.claims)}
                >
                  Open in debugger
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
