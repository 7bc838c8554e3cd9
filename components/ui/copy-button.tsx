"use client";
import { useEffect, useState } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";

/** Copies plain text (never the highlighted HTML) and says so for two seconds. */
export function CopyButton({ text, label = "Copy", ariaLabel, variant = "secondary", className }: {
  text: string;
  label?: string;
  /** Names what is copied when several Copy buttons share a page. */
  ariaLabel?: string;
  variant?: ButtonVariant;
  className?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <>
      <Button variant={variant} className={className} onClick={copy} aria-label={ariaLabel}>
        {state === "copied" ? "Copied" : label}
      </Button>
      <span role="status" className="sr-only">
        {state === "copied" ? "Copied to the clipboard" : state === "failed" ? "Copy failed: select the text and copy it" : ""}
      </span>
    </>
  );
}
