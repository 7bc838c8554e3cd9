import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireTeamPage } from "@/lib/authz/page-access";
import { loadAuditLog } from "@/lib/audit/audit-log-page";
import { Breadcrumbs } from "@/components/dashboard/breadcrumbs";
import { AuditLogView } from "@/components/audit/audit-log-view";

export const metadata: Metadata = { title: "Team audit log" };

type Props = { params: Promise<{ teamId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TeamAuditLogPage({ params, searchParams }: Props) {
  const access = await requireTeamPage(params, "audit:view");
  const teamId = access.team.id;
  const basePath = `/teams/${teamId}/audit-log`;
  // Project links need no check of their own: a project's log asks for the same team permission, audit:view.
  const log = await loadAuditLog({ teamId }, basePath, await searchParams);
  if (log.redirectTo !== undefined) redirect(log.redirectTo);

  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-6">
      <Breadcrumbs items={[{ label: access.team.name, href: `/teams/${teamId}` }, { label: "Audit log" }]} />
      <h1 className="text-2xl font-semibold">Team audit log</h1>
      <AuditLogView basePath={basePath} scope="team" {...log} />
    </div>
  );
}
