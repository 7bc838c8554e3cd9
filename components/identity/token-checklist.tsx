import type { TokenDebugReport } from "@/lib/identity/token-debugger";
import { cn } from "@/components/ui/cn";
import { ScrollRegion } from "@/components/ui/scroll-region";

const ICON = { pass: "✓", fail: "✗", skipped: "–" } as const;

function headline(report: TokenDebugReport): string {
  if (report.claimsOnly && report.cause === "bad_signature") return report.message ?? "";
  const cause = report.cause && report.cause !== report.code ? ` (${report.cause})` : "";
  return `Rejected: ${report.code}${cause} – ${report.message}`;
}

export function TokenChecklist({ report }: { report: TokenDebugReport }) {
  return (
    <div className="flex flex-col gap-3" data-testid="token-report">
      <p role="status" className={cn("rounded-md px-3 py-2 text-sm font-medium", report.ok ? "bg-success-subtle text-success" : "bg-danger-subtle text-danger")}>
        {report.ok ? `Valid: this token verifies${report.verifiedWith ? ` with the ${report.verifiedWith}` : ""}.` : headline(report)}
      </p>
      {report.claimsOnly && (
        <p className="text-sm text-muted" data-testid="claims-only">Claims only: this example has no signature, so the signature check is skipped.</p>
      )}
      {report.warnings.length > 0 && (
        <ul className="flex flex-col gap-1 rounded-md bg-warning-subtle px-3 py-2 text-sm text-warning" aria-label="Warnings">
          {report.warnings.map((warning) => <li key={warning.id} data-warning={warning.id}>Warning: {warning.message}</li>)}
        </ul>
      )}
      <ul className="flex flex-col divide-y divide-border-subtle rounded-md border border-border" aria-label="Checks">
        {report.checks.map((check) => (
          <li key={check.id} className="flex gap-3 px-3 py-2 text-sm" data-status={check.status}>
            <span aria-hidden className={cn("w-4 shrink-0 font-bold", check.status === "pass" ? "text-success" : check.status === "fail" ? "text-danger" : "text-muted")}>
              {ICON[check.status]}
            </span>
            <div className="min-w-0">
              <p>
                <span className="font-medium">{check.label}</span>
                <span className="sr-only"> ({check.status})</span>: <span className="text-muted">{check.detail}</span>
              </p>
              {check.hint && <p className="mt-0.5 text-warning">Fix: {check.hint}</p>}
            </div>
          </li>
        ))}
      </ul>
      {(report.header || report.claims) && (
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <div>
            <p className="mb-1 text-xs font-medium text-muted uppercase">Header</p>
            <ScrollRegion label="Header JSON" className="rounded-md bg-surface-subtle"><pre className="p-2 text-xs">{JSON.stringify(report.header, null, 2)}</pre></ScrollRegion>
          </div>
          <div>
            <p className="mb-1 text-xs font-medium text-muted uppercase">Claims</p>
            <ScrollRegion label="Claims JSON" className="rounded-md bg-surface-subtle"><pre className="p-2 text-xs">{JSON.stringify(report.claims, null, 2)}</pre></ScrollRegion>
          </div>
        </div>
      )}
    </div>
  );
}
