import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function ProjectLoading() {
  return <PageSkeleton label="Loading the project…" className="max-w-4xl" />;
}
