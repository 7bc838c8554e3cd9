import type { ReactNode } from "react";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { Logo } from "@/components/dashboard/logo";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { NavDrawerRoot, NavMenuButton } from "@/components/dashboard/nav-drawer";

// Every page below needs a session; anonymous visitors are sent to sign-in before anything renders.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <NavDrawerRoot>
    <div className="group/shell flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-surface focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="flex items-center justify-between gap-3 border-b border-border bg-surface px-4 py-2 md:py-2.5">
        <div className="flex items-center gap-2">
          <NavMenuButton />
          <Logo />
        </div>
        <div className="flex min-w-0 items-center gap-3">
          <span className="hidden truncate text-sm text-muted sm:inline" title={user.email}>{user.email}</span>
          <Link href="/account" className="rounded-md px-2 py-1.5 text-sm text-text-soft hover:bg-surface-strong">Account</Link>
          <SignOutButton />
        </div>
      </header>
      {children}
    </div>
    </NavDrawerRoot>
  );
}
