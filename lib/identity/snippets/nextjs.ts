// The Next.js (App Router) stack: a minting module, the token route, the widget component, the SPA helper.
import type { SnippetContext, SnippetStack } from "./types";
import { JOSE_SIGNING, MISSING_SECRET } from "./jose-signing";

function reqioModule(context: SnippetContext): string {
  return `// lib/reqio.ts: mints Reqio identity tokens on your server (never in the browser).
// npm install jose server-only
import "server-only";
import { SignJWT } from "jose";

export const REQIO_PROJECT_ID = "${context.projectId}";
export const REQIO_AUDIENCE = "${context.audience}";
export const REQIO_WIDGET_URL = "${context.widgetUrl}";

export type ReqioUser = {
  id: string;
  email?: string | null; // optional: left out of the token when your user has none
  plan: string;
  planAmount: number; // recurring charge in cents: 2900 for $29.00 a month; the annual total for a yearly plan
  billingInterval: "month" | "year";
};

// ▶▶ YOUR AUTH GOES HERE: return the signed-in user, or null when nobody is signed in. ◀◀
// With Auth.js (next-auth v5):  const session = await auth();  // import { auth } from "@/auth"
// With next-auth v4:            const session = await getServerSession(authOptions);  // from "next-auth"
// then: if (!session?.user?.id) return null; and map session.user plus your billing data to a ReqioUser.
export async function getSignedInUser(): Promise<ReqioUser | null> {
  return null;
}

export async function mintReqioToken(user: ReqioUser): Promise<string> {
  // The key is the UTF-8 bytes of REQIO_SECRET, trimmed: a stray space or newline in .env breaks every signature.
  const secret = process.env.REQIO_SECRET?.trim();
  if (!secret) throw new Error(${MISSING_SECRET});
${JOSE_SIGNING}
}
`;
}

const TOKEN_ROUTE = `// app/api/reqio-token/route.ts: a fresh Reqio token for the signed-in user (the SPA path fetches it).
import { getSignedInUser, mintReqioToken } from "../../../lib/reqio";

// jose signs with Web Crypto, so this route runs on the Edge runtime too: uncomment the next line to use it.
// export const runtime = "edge";
export const dynamic = "force-dynamic"; // a new token per request, never one prerendered at build time

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET() {
  const user = await getSignedInUser();
  if (!user) return Response.json({ error: "Not signed in" }, { status: 401, headers: NO_STORE });
  return Response.json({ token: await mintReqioToken(user) }, { headers: NO_STORE });
}
`;

const WIDGET_COMPONENT = `// components/reqio-widget.tsx: render <ReqioWidget /> once, inside <body> in app/layout.tsx.
// Server-rendered pages get the signed-in user's token on the tag; after a client-side sign-in,
// call identifyWithReqio() from components/reqio-identify.ts instead.
import Script from "next/script";
import { getSignedInUser, mintReqioToken, REQIO_PROJECT_ID, REQIO_WIDGET_URL } from "../lib/reqio";

export async function ReqioWidget() {
  const user = await getSignedInUser();
  const token = user ? await mintReqioToken(user) : undefined;
  return (
    <Script
      src={REQIO_WIDGET_URL}
      data-project-id={REQIO_PROJECT_ID}
      data-identity-token={token}
      strategy="afterInteractive"
    />
  );
}
`;

const IDENTIFY_HELPER = `// components/reqio-identify.ts: for SPAs, call identifyWithReqio() after a client-side sign-in.
// Works before widget.js has loaded: the call is queued and answered once it has.
export type ReqioResult =
  | { ok: true; user: { id: string; email: string | null } }
  | { ok: false; error: { code: string; message: string } };

type ReqioQueue = { q?: [string, (result: ReqioResult) => void][]; identify(token: string): Promise<ReqioResult> };

declare global {
  interface Window {
    Reqio?: ReqioQueue;
  }
}

export async function identifyWithReqio(): Promise<ReqioResult> {
  const response = await fetch("/api/reqio-token", { credentials: "same-origin", cache: "no-store" });
  if (!response.ok) {
    const code = response.status === 401 ? "not_signed_in" : "token_route_failed";
    return { ok: false, error: { code, message: \`/api/reqio-token answered \${response.status}\` } };
  }
  const { token } = (await response.json()) as { token: string };
  const queue: [string, (result: ReqioResult) => void][] = [];
  window.Reqio ??= { q: queue, identify: (t) => new Promise((resolve) => queue.push([t, resolve])) };
  return window.Reqio.identify(token);
}
`;

export function nextJsStack(context: SnippetContext): SnippetStack {
  const intro = "Four files for the App Router, on the Node.js or Edge runtime. Fill in getSignedInUser() in lib/reqio.ts with your auth, then render <ReqioWidget /> in app/layout.tsx.";
  return { id: "nextjs", label: "Next.js (App Router)", intro, files: [
    { id: "nextjs-lib", path: "lib/reqio.ts", language: "typescript", code: reqioModule(context) },
    { id: "nextjs-route", path: "app/api/reqio-token/route.ts", language: "typescript", code: TOKEN_ROUTE },
    { id: "nextjs-widget", path: "components/reqio-widget.tsx", language: "tsx", code: WIDGET_COMPONENT },
    { id: "nextjs-identify", path: "components/reqio-identify.ts", language: "typescript", code: IDENTIFY_HELPER },
  ] };
}
