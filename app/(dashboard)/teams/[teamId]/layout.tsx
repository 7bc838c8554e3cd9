import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { findTeamAccess } from "@/lib/auth/access";
import { Sidebar } from "@/components/dashboard/sidebar";

export default async function TeamLayout({ children, params }: { children: ReactNode; params: Promise<{ teamId: string }> }) {
  const { teamId } = await params;
  const user = await requireUser();
  if (!(await findTeamAccess(user.id, teamId))) notFound();
  return (
    <div className="flex flex-1 flex-col md:flex-row">
      <Sidebar userId={user.id} teamId={teamId} />
      <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-8">{children}</main>
    </div>
  );
}
