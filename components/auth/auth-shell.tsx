import type { ReactNode } from "react";
import { Logo } from "@/components/dashboard/logo";
import { ThemePicker } from "@/components/theme/theme-picker";
import { readThemeChoice } from "@/lib/theme/theme-cookie";

/** The centred card that sign-in, sign-up and invite pages share. */
export async function AuthShell({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-6 px-4 py-10">
      <Logo />
      <div className="w-full max-w-sm rounded-lg border border-border bg-surface p-6 shadow-sm">{children}</div>
      <ThemePicker initial={await readThemeChoice()} />
    </main>
  );
}
