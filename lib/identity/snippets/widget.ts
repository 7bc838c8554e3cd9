// The widget on the customer's pages: a plain tag for server-rendered HTML, a component for React.
import type { SnippetContext, SnippetStack } from "./types";

const QUEUE_STUB = `window.Reqio=window.Reqio||{q:[],identify:function(t){var q=this.q;return new Promise(function(r){q.push([t,r])})}};`;

function widgetTag({ widgetUrl, projectId }: SnippetContext): string {
  return `<!-- Server-rendered pages: render the token your server minted for the signed-in user into data-identity-token. -->
<!-- Single-page apps: leave data-identity-token off and call identifyWithReqio() (reqio-identify.js) after sign-in. -->
<!-- While setting up, add data-debug to the tag: the console then says when a user was identified. -->
<!-- The first line queues window.Reqio.identify() calls made before the widget has loaded. -->
<script>${QUEUE_STUB}</script>
<script
  src="${widgetUrl}"
  data-project-id="${projectId}"
  data-identity-token="<your minted token>"
  async
></script>
`;
}

const SPA_IDENTIFY = `// reqio-identify.js: single-page apps call this after the user signs in; your server's
// GET /api/reqio-token returns { token } for the signed-in user (401 when signed out).
async function identifyWithReqio() {
  const response = await fetch("/api/reqio-token", { credentials: "same-origin", cache: "no-store" });
  if (!response.ok) return null; // signed out: nobody to identify
  const { token } = await response.json();
  // { ok: true, user } or { ok: false, error }; a failure is also explained in the browser console.
  return window.Reqio.identify(token);
}
`;

function reactComponent({ widgetUrl, projectId }: SnippetContext): string {
  return `"use client"; // Next.js App Router: runs in the browser (other React setups ignore this line)
// components/ReqioWidget.tsx: loads the Reqio widget once and identifies the signed-in user.
// Render it only for a signed-in user: <ReqioWidget token={tokenYourServerMinted} />, or leave token
// out to fetch one from your server's GET /api/reqio-token. <ReqioWidget debug /> logs each success.
import { useEffect } from "react";

const REQIO_WIDGET_URL = "${widgetUrl}";
const REQIO_PROJECT_ID = "${projectId}";

export type ReqioResult =
  | { ok: true; user: { id: string; mrrCents: number } }
  | { ok: false; error: { code: string; message: string; cause?: string } };

type QueuedCall = [token: string, resolve: (result: ReqioResult) => void];

declare global {
  interface Window {
    Reqio?: { identify: (token: string) => Promise<ReqioResult>; q?: QueuedCall[] };
  }
}

function loadReqioWidget(debug: boolean): void {
  if (document.querySelector(\`script[src="\${REQIO_WIDGET_URL}"]\`)) return;
  // Calls made before widget.js has loaded wait in this queue; the widget answers them when it runs.
  const q: QueuedCall[] = [];
  window.Reqio ??= { q, identify: (token) => new Promise((resolve) => q.push([token, resolve])) };
  const script = document.createElement("script");
  script.src = REQIO_WIDGET_URL;
  script.async = true;
  script.dataset.projectId = REQIO_PROJECT_ID;
  if (debug) script.dataset.debug = "";
  document.head.appendChild(script);
}

async function fetchReqioToken(): Promise<string | null> {
  const response = await fetch("/api/reqio-token", { credentials: "same-origin", cache: "no-store" });
  if (!response.ok) return null; // signed out: nobody to identify
  const body: { token: string } = await response.json();
  return body.token;
}

export function ReqioWidget({ token, debug = false }: { token?: string; debug?: boolean }) {
  useEffect(() => {
    let cancelled = false;
    loadReqioWidget(debug);
    void (async () => {
      const minted = token ?? (await fetchReqioToken());
      // A failure resolves with { ok: false, error } and is explained in the browser console.
      if (minted && !cancelled) await window.Reqio?.identify(minted);
    })();
    return () => {
      cancelled = true;
    };
  }, [token, debug]);
  return null;
}
`;
}

export function widgetHtmlStack(context: SnippetContext): SnippetStack {
  const intro = "The widget tag for any site. On server-rendered pages, fill data-identity-token with the token your server minted; single-page apps call identifyWithReqio() after sign-in instead.";
  return { id: "widget-html", label: "Widget (HTML)", intro, files: [
    { id: "tag", path: "index.html", language: "html", code: widgetTag(context) },
    { id: "identify", path: "reqio-identify.js", language: "javascript", code: SPA_IDENTIFY },
  ] };
}

export function widgetReactStack(context: SnippetContext): SnippetStack {
  const intro = "A React component that loads the widget and identifies the signed-in user: pass it the token your server minted, or let it fetch one from your GET /api/reqio-token route.";
  return { id: "widget-jsx", label: "Widget (React/JSX)", intro, files: [{ id: "component", path: "components/ReqioWidget.tsx", language: "tsx", code: reactComponent(context) }] };
}
