import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function MembersLoading() {
  return <PageSkeleton label="Loading the members…" cards={3} />;
}
