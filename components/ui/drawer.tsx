"use client";
import * as DialogPrimitive from "@radix-ui/react-dialog";
import type { MouseEventHandler, ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** A panel sliding in from the left: Radix Dialog traps focus, closes on Escape and returns focus to its trigger. */
export function DrawerContent({ title, className, onClick, children }: {
  title: string;
  className?: string;
  onClick?: MouseEventHandler<HTMLDivElement>;
  children: ReactNode;
}) {
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className={cn("fixed inset-0 z-40 bg-overlay", className)} />
      <DialogPrimitive.Content
        aria-describedby={undefined}
        onClick={onClick}
        className={cn("fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col overflow-y-auto bg-surface shadow-xl", className)}
      >
        <div className="flex items-center justify-between gap-2 border-b border-border px-4 py-2">
          <DialogPrimitive.Title className="text-sm font-semibold text-text">{title}</DialogPrimitive.Title>
          <DialogPrimitive.Close aria-label="Close menu" className="grid size-9 place-items-center rounded-md text-text-soft hover:bg-surface-strong">
            <svg aria-hidden viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round">
              <path d="M5 5l10 10M15 5L5 15" />
            </svg>
          </DialogPrimitive.Close>
        </div>
        {children}
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}
