import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { findProjectAccess } from "@/lib/authz/access";
import { can } from "@/lib/authz/policy";

/**
 * Outside the page's loading skeleton, so a role without audit:view gets a real 404 before the response
 * starts streaming (inside it, notFound() can no longer change the 200). The page checks again.
 */
export default async function ProjectAuditLogLayout({ children, params }: { children: ReactNode; params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requireUser();
  const access = await findProjectAccess(user.id, projectId);
  if (!access || !can(access.role, "audit:view")) notFound();
  return children;
}
