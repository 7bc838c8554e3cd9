"use client";
import { useRef, useState } from "react";
import type { HighlightedStack } from "@/lib/identity/identity-page-data";
import { STACK_CHOICE_COOKIE } from "@/lib/identity/snippets/stack-choice";

type Load = { state: "loading" } | { state: "failed"; message: string };

function rememberChoice(stackId: string): void {
  // A year, this site only; read by the page's server render to show this stack first next time.
  document.cookie = `${STACK_CHOICE_COOKIE}=${encodeURIComponent(stackId)}; path=/; max-age=31536000; samesite=lax`;
}

async function fetchStack(projectId: string, stackId: string, signal: AbortSignal): Promise<HighlightedStack> {
  const url = `/api/v1/projects/${encodeURIComponent(projectId)}/snippets/${encodeURIComponent(stackId)}`;
  const response = await fetch(url, { cache: "no-store", signal, headers: { accept: "application/json" } });
  const body = (await response.json().catch(() => null)) as (HighlightedStack & { error?: { message?: string } }) | null;
  if (!response.ok || !body?.files) throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
  return body;
}

/**
 * The picker's state: the stack the server rendered, others fetched once when picked (kept for the
 * page's life), the choice remembered in a cookie. A later pick wins over an earlier one still loading.
 */
export function useStackFiles(projectId: string, initial: HighlightedStack) {
  const [chosenId, setChosenId] = useState<string>(initial.id);
  const [loaded, setLoaded] = useState<Record<string, HighlightedStack>>({});
  const [load, setLoad] = useState<Load | null>(null);
  const pending = useRef<AbortController | null>(null);

  async function choose(stackId: string) {
    setChosenId(stackId);
    rememberChoice(stackId);
    pending.current?.abort();
    if (stackId === initial.id || loaded[stackId]) return setLoad(null);
    const controller = new AbortController();
    pending.current = controller;
    setLoad({ state: "loading" });
    try {
      const stack = await fetchStack(projectId, stackId, controller.signal);
      setLoaded((current) => ({ ...current, [stackId]: stack }));
      setLoad(null);
    } catch (error) {
      if (controller.signal.aborted) return;
      setLoad({ state: "failed", message: error instanceof Error && !(error instanceof TypeError) ? error.message : "The server could not be reached." });
    }
  }

  const stack = chosenId === initial.id ? initial : loaded[chosenId] ?? null;
  return { chosenId, stack, load, choose, retry: () => choose(chosenId) };
}
