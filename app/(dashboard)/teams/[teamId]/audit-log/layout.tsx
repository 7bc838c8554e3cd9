import type { ReactNode } from "react";
import { requireTeamPage } from "@/lib/authz/page-access";

/**
 * Outside the page's loading skeleton, so a role without audit:view gets a real 404 before the response
 * starts streaming (inside it, notFound() can no longer change the 200). The page checks again.
 */
export default async function TeamAuditLogLayout({ children, params }: { children: ReactNode; params: Promise<{ teamId: string }> }) {
  await requireTeamPage(params, "audit:view");
  return children;
}
