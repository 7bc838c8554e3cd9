"use client";
import { useEffect } from "react";
import { toast } from "sonner";

/**
 * Toasts `message` once the page that says it has rendered (a redirect's confirmation), then drops
 * `param` from the address, so a reload or a shared link doesn't say it again.
 */
export function ArrivalToast({ message, param }: { message: string; param: string }) {
  useEffect(() => {
    toast.success(message, { id: message });
    const url = new URL(window.location.href);
    url.searchParams.delete(param);
    window.history.replaceState(window.history.state, "", url);
  }, [message, param]);
  return null;
}
