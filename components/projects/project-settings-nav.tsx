"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export function ProjectSettingsNav({ projectId, showAuditLog = false }: { projectId: string; showAuditLog?: boolean }) {
  const pathname = usePathname();
  const links = [
    { href: `/projects/${projectId}/settings/identity`, label: "Identity" },
    { href: `/projects/${projectId}/settings`, label: "General" },
    ...(showAuditLog ? [{ href: `/projects/${projectId}/settings/audit-log`, label: "Audit log" }] : []),
  ];
  return (
    <nav aria-label="Project settings" className="flex gap-1 border-b border-border">
      {links.map((link) => {
        const active = pathname === link.href;
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              active ? "border-accent text-link" : "border-transparent text-muted hover:text-text",
            )}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
