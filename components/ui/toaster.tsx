"use client";
import { useSyncExternalStore } from "react";
import { Toaster as Sonner } from "sonner";

function subscribeToHtmlClass(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}

const htmlTheme = () => (document.documentElement.classList.contains("dark") ? "dark" : "light");

/**
 * The one toast region (sonner: an aria-live="polite" landmark, Alt+T to reach it, pauses on hover and
 * focus), following the `dark` class on <html> that the theme choice sets.
 */
export function Toaster() {
  const theme = useSyncExternalStore(subscribeToHtmlClass, htmlTheme, () => "light" as const);
  // 6 s rather than sonner's 4: a toast is the only place a success message is shown.
  return <Sonner theme={theme} position="bottom-right" closeButton duration={6000} />;
}
