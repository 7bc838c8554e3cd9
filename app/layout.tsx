import type { Metadata } from "next";
import type { ReactNode } from "react";
import { headers } from "next/headers";
import { readThemeChoice } from "@/lib/theme/theme-cookie";
import { THEME_BOOT_SCRIPT } from "@/lib/theme/theme-choice";
import { Toaster } from "@/components/ui/toaster";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Reqio", template: "%s · Reqio" },
  description: "Manage identity verification for the Reqio widget.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [theme, nonce] = await Promise.all([readThemeChoice(), headers().then((h) => h.get("x-nonce") ?? undefined)]);
  return (
    // The boot script adds the `dark` class before first paint, so React must not mind it on <html>.
    <html lang="en" data-theme={theme} suppressHydrationWarning>
      <head>
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body className="min-h-screen font-sans">
        {children}
        <Toaster />
      </body>
    </html>
  );
}
