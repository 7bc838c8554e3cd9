"use client";
import { formatRelativeTime } from "@/lib/format-time";
import { CAUSE_SUMMARIES, type FailureCause } from "@/lib/identity/token-verifier/causes";
import type { RejectedReason } from "@/lib/identity/integration-status";
import { openInDebugger } from "@/components/identity/debugger-handoff";

const summaryOf = (cause: string) => (Object.hasOwn(CAUSE_SUMMARIES, cause) ? CAUSE_SUMMARIES[cause as FailureCause] : cause);

/** Each reject reason of the last 24 h: how often, when last, and its latest example for the debugger. */
export function RejectedReasons({ reasons, now }: { reasons: RejectedReason[]; now: Date }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label="Rejected tokens by cause">
        <thead>
          <tr className="border-b border-border text-muted">
            {["Cause", "Count", "Last", ""].map((h, index) => <th key={index} className="py-1 pr-3 font-medium whitespace-nowrap">{h}</th>)}
          </tr>
        </thead>
        <tbody>
          {reasons.map((reason) => (
            <tr key={reason.cause} className="border-b border-border-subtle" data-cause={reason.cause}>
              <td className="py-1.5 pr-3">
                <code>{reason.cause}</code>
                <span className="block text-xs text-muted">{summaryOf(reason.cause)}</span>
              </td>
              <td className="py-1.5 pr-3">{reason.count}</td>
              <td className="py-1.5 pr-3 whitespace-nowrap">
                {reason.lastAt ? <time dateTime={reason.lastAt}>{formatRelativeTime(new Date(reason.lastAt), now)}</time> : "–"}
              </td>
              <td className="py-1.5 text-right whitespace-nowrap">
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
    </div>
  );
}
