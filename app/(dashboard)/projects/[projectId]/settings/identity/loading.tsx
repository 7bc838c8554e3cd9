import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function IdentityLoading() {
  return <PageSkeleton label="Loading identity verification…" cards={4} className="max-w-4xl" />;
}
