"use client";
import { RouteError } from "@/components/dashboard/route-error";

// Inside this segment's layout: the sidebar stays while the page shows what went wrong.
export default function SegmentError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError error={error} retry={retry} />;
}
