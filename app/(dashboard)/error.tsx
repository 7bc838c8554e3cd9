"use client";
import { RouteError } from "@/components/dashboard/route-error";

// Pages without a sidebar (account, new team) and a project's or team's layout itself: the top bar stays.
export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main id="main" className="px-4 py-6 sm:px-8">
      <RouteError error={error} retry={retry} />
    </main>
  );
}
