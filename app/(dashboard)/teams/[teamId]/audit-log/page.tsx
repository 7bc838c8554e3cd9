import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { findTeamAccess } from "@/lib/auth/access";
import { can } from "@/lib/auth/policy";
import { auditFilterQuery, parseAuditFilter } from "@/lib/audit/audit-filter";
import { distinctAuditActors, listAuditEvents } from "@/lib/audit/audit-query";
import { Breadcrumbs } from "@/components/dashboard/breadcrumbs";
import { AuditLogView } from "@/components/audit/audit-log-view";

export const metadata: Metadata = { title: "Team audit log" };

type Props = { params: Promise<{ teamId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TeamAuditLogPage({ params, searchParams }: Props) {
  const { teamId } = await params;
  const user = await requireUser();
  const access = await findTeamAccess(user.id, teamId);
  if (!access || !can(access.role, "audit:view")) notFound();
  const { filter, errors } = parseAuditFilter(await searchParams);
  const scope = { teamId };
  const [{ events, total, pages }, actors] = await Promise.all([listAuditEvents(scope, filter), distinctAuditActors(scope)]);
  const query = auditFilterQuery({ ...filter, page: 1 });

  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-6">
      <Breadcrumbs items={[{ label: access.team.name, href: `/teams/${teamId}` }, { label: "Audit log" }]} />
      <h1 className="text-2xl font-semibold">Team audit log</h1>
      <AuditLogView
        basePath={`/teams/${teamId}/audit-log`}
        exportHref={`/api/v1/audit-log/export?teamId=${teamId}${query ? `&${query}` : ""}`}
        filter={filter}
        errors={errors}
        events={events}
        total={total}
        pages={pages}
        actors={actors}
      />
    </div>
  );
}
