import { formatRelativeTime } from "@/lib/format-time";
import { tokensText, windowText, type SecretUsageJson } from "@/lib/identity/usage-text";

/** What a destructive dialog shows before it cuts traffic off: last verified token and recent counts. */
export function UsageSummary({ usage, now, lastUsedLabel, neverUsed }: { usage: SecretUsageJson; now: Date; lastUsedLabel: string; neverUsed: string }) {
  return (
    <div className="flex flex-col gap-2" data-testid="usage-summary">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 rounded-md border border-border bg-surface-subtle p-3 text-sm">
        <dt className="text-muted">{lastUsedLabel}</dt>
        <dd className="font-medium">{usage.lastUsedAt ? formatRelativeTime(new Date(usage.lastUsedAt), now) : neverUsed}</dd>
        <dt className="text-muted">In the last {windowText(usage.recentMinutes)}</dt>
        <dd className="font-medium">{tokensText(usage.tokensRecent)}</dd>
        <dt className="text-muted">In the last {windowText(usage.hourMinutes)}</dt>
        <dd className="font-medium">{tokensText(usage.tokensLastHour)}</dd>
      </dl>
      <p className="text-xs text-muted">Counts are kept per 10 minutes, so each reaches back to the start of its oldest 10 minutes.</p>
    </div>
  );
}
