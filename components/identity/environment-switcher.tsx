import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { ENVIRONMENT_LABELS, ENVIRONMENTS, type Environment } from "@/lib/identity/environments";

/** Production | Development, as links (`?env=`), so each environment's page can be bookmarked and shared. */
export function EnvironmentSwitcher({ projectId, current }: { projectId: string; current: Environment }) {
  return (
    <nav aria-label="Environment" className="flex w-fit gap-1 rounded-lg border border-border bg-surface-subtle p-1">
      {ENVIRONMENTS.map((environment) => (
        <Link
          key={environment}
          href={`/projects/${projectId}/settings/identity${environment === "production" ? "" : `?env=${environment}`}`}
          aria-current={environment === current ? "page" : undefined}
          className={cn(
            "rounded-md px-3 py-1.5 text-sm",
            environment === current ? "bg-surface font-medium text-text shadow-sm" : "text-text-soft hover:bg-surface-strong",
          )}
        >
          {ENVIRONMENT_LABELS[environment]}
        </Link>
      ))}
    </nav>
  );
}
