import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function TeamLoading() {
  return <PageSkeleton label="Loading the team…" />;
}
