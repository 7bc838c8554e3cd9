import type { TokenDebugReport } from "@/lib/identity/token-debugger";
import { cn } from "@/components/ui/cn";

const ICON = { pass: "✓", fail: "✗", skipped: "–" } as const;

function headline(report: TokenDebugReport): string {
  if (report.claimsOnly && report.cause === "bad_signature") return report.message ?? "";
  const cause = report.cause && report.cause !== report.code ? ` (${report.cause})` : "";
  return `Rejected: ${report.code}${cause} – ${report.message}`;
}

export function TokenChecklist({ report }: { report: TokenDebugReport }) {
  return (
    <div className="flex flex-col gap-3" data-testid="token-report">
      <p role="status" className={cn("rounded-md px-3 py-2 text-sm font-medium", report.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800")}>
        {report.ok ? `Valid: this token verifies${report.verifiedWith ? ` with the ${report.verifiedWith}` : ""}.` : headline(report)}
      </p>
      {report.claimsOnly && (
        <p className="text-sm text-zinc-600" data-testid="claims-only">Claims only: this example has no signature, so the signature check is skipped.</p>
      )}
      {report.warnings.length > 0 && (
        <ul className="flex flex-col gap-1 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" aria-label="Warnings">
          {report.warnings.map((warning) => <li key={warning.id} data-warning={warning.id}>Warning: {warning.message}</li>)}
        </ul>
      )}
      <ul className="flex flex-col divide-y divide-zinc-100 rounded-md border border-zinc-200" aria-label="Checks">
        {report.checks.map((check) => (
          <li key={check.id} className="flex gap-3 px-3 py-2 text-sm" data-status={check.status}>
            <span aria-hidden className={cn("w-4 shrink-0 font-bold", check.status === "pass" ? "text-emerald-600" : check.status === "fail" ? "text-red-600" : "text-zinc-400")}>
              {ICON[check.status]}
            </span>
            <div className="min-w-0">
              <p>
                <span className="font-medium">{check.label}</span>
                <span className="sr-only"> ({check.status})</span>: <span className="text-zinc-600">{check.detail}</span>
              </p>
              {check.hint && <p className="mt-0.5 text-amber-800">Fix: {check.hint}</p>}
            </div>
          </li>
        ))}
      </ul>
      {(report.header || report.claims) && (
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <p className="mb-1 text-xs font-medium text-zinc-500 uppercase">Header</p>
            <pre className="overflow-x-auto rounded-md bg-zinc-50 p-2 text-xs">{JSON.stringify(report.header, null, 2)}</pre>
          </div>
          <div>
            <p className="mb-1 text-xs font-medium text-zinc-500 uppercase">Claims</p>
            <pre className="overflow-x-auto rounded-md bg-zinc-50 p-2 text-xs">{JSON.stringify(report.claims, null, 2)}</pre>
          </div>
        </div>
      )}
    </div>
  );
}
