import type { ReactNode } from "react";
import { requireProjectPage } from "@/lib/authz/page-access";

/**
 * Outside the page's loading skeleton, so a role without audit:view gets a real 404 before the response
 * starts streaming (inside it, notFound() can no longer change the 200). The page checks again.
 */
export default async function ProjectAuditLogLayout({ children, params }: { children: ReactNode; params: Promise<{ projectId: string }> }) {
  await requireProjectPage(params, "audit:view");
  return children;
}
