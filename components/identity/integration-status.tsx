import { formatRelativeTime } from "@/lib/format-time";
import type { IntegrationStatusJson } from "@/lib/identity/integration-status";
import { GettingStarted } from "@/components/identity/getting-started";
import { RejectedReasons } from "@/components/identity/rejected-reasons";
import { cn } from "@/components/ui/cn";
import { CellLabel, stackedTable } from "@/components/ui/stacked-table";
import { WrappingEmail } from "@/components/ui/wrapping-email";

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? "" : "s"}`;

function formatMrr(cents: number | null): string {
  return cents === null ? "–" : `$${(cents / 100).toFixed(2)}/mo`;
}

/** Live answer to "do my server's tokens verify?", from the last 24 hours; `now` is the server time of `status`. */
export function IntegrationStatusPanel({ status, now }: { status: IntegrationStatusJson; now: Date }) {
  const rejectedTotal = status.rejected.reduce((sum, row) => sum + row.count, 0);
  if (status.accepted === 0 && rejectedTotal === 0) {
    return (
      <div className="flex flex-col gap-3" data-testid="integration-empty">
        <p className="text-sm text-muted">No tokens received yet. Three steps and this panel lights up:</p>
        <GettingStarted />
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-4" data-testid="integration-status">
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-muted">Last success</dt>
          <dd className="font-medium">
            {status.lastSuccessAt ? <time dateTime={status.lastSuccessAt}>{formatRelativeTime(new Date(status.lastSuccessAt), now)}</time> : "never"}
          </dd>
        </div>
        <div>
          <dt className="text-muted">Accepted (24 h)</dt>
          <dd className="font-medium text-success" data-testid="accepted-count">{status.accepted}</dd>
        </div>
        <div>
          <dt className="text-muted">Rejected (24 h)</dt>
          <dd className="font-medium text-danger">{rejectedTotal}</dd>
        </div>
        <div>
          <dt className="text-muted">Token age on arrival</dt>
          <dd className="font-medium">
            {status.tokenAge.median ? `median ${status.tokenAge.median}, max ${status.tokenAge.maxSeconds} s` : "–"}
          </dd>
        </div>
      </dl>
      {status.tokenAge.futureIatSeconds !== null && (
        <p role="alert" className="rounded-md bg-warning-subtle px-3 py-2 text-sm text-warning">
          Some tokens arrived with <code>iat</code> up to {status.tokenAge.futureIatSeconds} s in the future: your server&apos;s clock is ahead. Sync it
          with NTP; beyond 60 s tokens are rejected.
        </p>
      )}
      {status.warnings.productionFromLocalhost > 0 && (
        <p role="alert" className="rounded-md bg-warning-subtle px-3 py-2 text-sm text-warning" data-testid="localhost-warning">
          {plural(status.warnings.productionFromLocalhost, "token")} signed with the production secret came from a page on localhost: a development
          machine holds the production secret, and its test users land here. Give it the development secret in <code>.env.local</code> instead.
        </p>
      )}
      {(status.warnings.amountsUnderOneDollar > 0 || status.warnings.emailAsSub > 0) && (
        <ul role="alert" className="flex flex-col gap-1 rounded-md bg-warning-subtle px-3 py-2 text-sm text-warning" data-testid="plausibility-warnings">
          {status.warnings.amountsUnderOneDollar > 0 && (
            <li>{plural(status.warnings.amountsUnderOneDollar, "user")} sent amounts under $1: amounts are in cents (send 2900 for $29.00).</li>
          )}
          {status.warnings.emailAsSub > 0 && (
            <li>{plural(status.warnings.emailAsSub, "user")} {status.warnings.emailAsSub === 1 ? "has" : "have"} their email as <code>sub</code>: send your stable user id instead.</li>
          )}
        </ul>
      )}
      {status.rejected.length > 0 && <RejectedReasons reasons={status.rejected} now={now} />}
      {status.recentUsers.length > 0 && (
        <table className={stackedTable.table} aria-label="Recently identified users">
          <thead className={stackedTable.head}>
            <tr className="border-b border-border text-muted">
              {["User ID", "Email", "Plan", "MRR", "Last seen"].map((h) => <th key={h} className={stackedTable.headCell}>{h}</th>)}
            </tr>
          </thead>
          <tbody className={stackedTable.body}>
            {status.recentUsers.map((user) => (
              <tr key={user.id} className={stackedTable.row}>
                <td className={stackedTable.cell}><CellLabel>User ID</CellLabel><code className="break-all">{user.id}</code></td>
                <td className={cn(stackedTable.cell, "max-md:col-span-2")}>
                  <CellLabel>Email</CellLabel>
                  {user.email ? <WrappingEmail email={user.email} /> : "–"}
                </td>
                <td className={stackedTable.cell}><CellLabel>Plan</CellLabel><span>{user.plan ?? "–"}{user.interval ? ` (${user.interval}ly)` : ""}</span></td>
                <td className={cn(stackedTable.cell, "whitespace-nowrap")}><CellLabel>MRR</CellLabel>{formatMrr(user.mrrCents)}</td>
                {/* Beside the user ID on a card: the two things scanned first. */}
                <td className={cn(stackedTable.cell, "whitespace-nowrap max-md:col-start-2 max-md:row-start-1")}>
                  <CellLabel>Last seen</CellLabel>
                  {formatRelativeTime(new Date(user.lastSeenAt), now)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
