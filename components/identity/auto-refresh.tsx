"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";

/** Re-renders the server components every few seconds while the tab is visible; client state stays. */
export function AutoRefresh({ everyMs }: { everyMs: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [everyMs, router]);
  return null;
}
