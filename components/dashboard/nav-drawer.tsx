"use client";
import { createContext, useContext, useEffect, useState, type MouseEvent, type ReactNode } from "react";
import { usePathname } from "next/navigation";
import { Dialog, DialogTrigger } from "@/components/ui/dialog";
import { DrawerContent } from "@/components/ui/drawer";

/** Tailwind's `md`: from here on the sidebar is always shown and there is no drawer. */
const WIDE = "(min-width: 48rem)";

const CloseDrawer = createContext<() => void>(() => {});

/**
 * One drawer state for the whole dashboard, so the menu button in the top bar and the sidebar a nested
 * layout renders share it. It closes on navigation and when the window widens past `md`.
 */
export function NavDrawerRoot({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const [shownPath, setShownPath] = useState(pathname);
  // Adjusted during render (not in an effect), so the new page never paints with the drawer still open.
  if (shownPath !== pathname) {
    setShownPath(pathname);
    setOpen(false);
  }
  useEffect(() => {
    const wide = window.matchMedia(WIDE);
    const onChange = () => {
      if (wide.matches) setOpen(false);
    };
    wide.addEventListener("change", onChange);
    return () => wide.removeEventListener("change", onChange);
  }, []);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <CloseDrawer value={() => setOpen(false)}>{children}</CloseDrawer>
    </Dialog>
  );
}

/**
 * The top bar's menu button: shown below `md`, and only on pages with a sidebar (CSS `:has()` on the
 * shell, so the server-rendered HTML is already right before hydration).
 */
export function NavMenuButton() {
  return (
    <DialogTrigger
      aria-label="Menu"
      className="hidden size-9 shrink-0 place-items-center rounded-md text-text-soft group-has-[[data-nav-sidebar]]/shell:grid hover:bg-surface-strong md:group-has-[[data-nav-sidebar]]/shell:hidden"
    >
      <svg aria-hidden viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round">
        <path d="M3 5h14M3 10h14M3 15h14" />
      </svg>
    </DialogTrigger>
  );
}

/**
 * The server-rendered sidebar, shown in place from `md` up and in the drawer below it: the same
 * elements, rendered (and fetched) once on the server.
 */
export function NavDrawer({ children }: { children: ReactNode }) {
  const close = useContext(CloseDrawer);
  // A link to the page already shown doesn't change the path, so any link click closes the drawer.
  const closeOnLink = (event: MouseEvent<HTMLDivElement>) => {
    if (event.target instanceof Element && event.target.closest("a[href]")) close();
  };
  return (
    <>
      <aside data-nav-sidebar className="hidden border-r border-border bg-surface md:block md:w-60 md:shrink-0">
        {children}
      </aside>
      <DrawerContent title="Navigation" className="md:hidden" onClick={closeOnLink}>
        {children}
      </DrawerContent>
    </>
  );
}
