import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function TeamAuditLogLoading() {
  return <PageSkeleton label="Loading the audit log…" cards={1} rows={8} className="max-w-5xl" />;
}
