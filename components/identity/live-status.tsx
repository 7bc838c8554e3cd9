"use client";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import type { IdentityLiveStatus } from "@/lib/identity/integration-status";
import { IntegrationStatusPanel } from "@/components/identity/integration-status";
import { useEnvironment } from "@/components/identity/environment-context";

/** How often an open, visible Identity tab asks for fresh status. */
export const LIVE_STATUS_EVERY_MS = 3000;

const LiveStatusContext = createContext<IdentityLiveStatus | null>(null);

/** The newest live status: the server render's, or a later poll's. */
export function useLiveStatus(): IdentityLiveStatus {
  const status = useContext(LiveStatusContext);
  if (!status) throw new Error("useLiveStatus() needs a <LiveStatusProvider> above it");
  return status;
}

/**
 * Keeps the page's live parts current by polling the small JSON status route instead of re-rendering
 * the whole page: one request at a time (the next is scheduled only after the previous answered), none
 * while the tab is hidden, and one right away when it becomes visible again, since its data is stale.
 */
export function LiveStatusProvider({ projectId, initial, children }: { projectId: string; initial: IdentityLiveStatus; children: ReactNode }) {
  const [polled, setPolled] = useState<IdentityLiveStatus | null>(null);
  const environment = useEnvironment();

  useEffect(() => {
    const url = `/api/v1/projects/${encodeURIComponent(projectId)}/integration-status?env=${environment}`;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight = false;
    let stopped = false;
    const visible = () => document.visibilityState === "visible";

    function schedule() {
      clearTimeout(timer);
      if (!stopped && visible()) timer = setTimeout(poll, LIVE_STATUS_EVERY_MS);
    }
    async function poll() {
      if (inFlight || stopped || !visible()) return;
      inFlight = true;
      try {
        const response = await fetch(url, { cache: "no-store", signal: controller.signal, headers: { accept: "application/json" } });
        // Signed out, or the project is gone or no longer ours: asking again can't help.
        if (response.status === 401 || response.status === 404) stopped = true;
        else if (response.ok) setPolled((await response.json()) as IdentityLiveStatus);
      } catch {
        // Offline or a server hiccup: the next tick tries again. (An abort means unmounted: stopped.)
      } finally {
        inFlight = false;
        schedule();
      }
    }
    function onVisibilityChange() {
      if (visible()) void poll();
      else clearTimeout(timer);
    }

    document.addEventListener("visibilitychange", onVisibilityChange);
    schedule();
    return () => {
      stopped = true;
      controller.abort();
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibilityChange);
    };
  }, [projectId, environment]);

  // An action (rotate, expire) re-renders the page with fresh props; a poll that was already under way
  // then answers with older data, which must not win. Both times come from the server's clock.
  const live = polled && polled.generatedAt > initial.generatedAt ? polled : initial;
  return <LiveStatusContext value={live}>{children}</LiveStatusContext>;
}

/** The "Integration status" card's body, from the live status; `data-generated-at` says which answer is shown. */
export function LiveIntegrationStatus() {
  const { integration, generatedAt } = useLiveStatus();
  return (
    <div data-testid="live-status" data-generated-at={generatedAt}>
      <IntegrationStatusPanel status={integration} now={new Date(generatedAt)} />
    </div>
  );
}
