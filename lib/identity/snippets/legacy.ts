// The snippets as the page shows them today (one file per tab); the stacks in ./index.ts replace them.
import { identityAudience, widgetScriptUrl } from "@/lib/identity/audience";
import type { Snippet } from "./types";

const SAMPLE_USER = `{ id: "user_123", email: "ada@example.com", plan: "pro", planAmount: 2900, billingInterval: "month" }`;

const claims = (indent: string) =>
  [
    `{`,
    `  sub: user.id,`,
    `  email: user.email,`,
    `  traits: { plan: user.plan, amount: user.planAmount, interval: user.billingInterval }, // amount in cents; interval "month" | "year"`,
    `}`,
  ].join(`\n${indent}`);

// The same SignJWT chain as the public docs, with this project's audience filled in.
const signChain = (indent: string) =>
  [
    `.setProtectedHeader({ alg: "HS256" })`,
    `.setAudience(REQIO_AUDIENCE)`,
    `.setIssuedAt(now)`,
    `.setExpirationTime(now + 300)`,
    `.sign(secret);`,
  ]
    .map((line) => `${indent}${line}`)
    .join("\n");

const MISSING_SECRET = `"REQIO_SECRET is not set: copy it from Reqio > Project > Settings > Identity"`;

function nextJsSnippet(audience: string): string {
  return `// lib/reqio.ts: mint Reqio identity tokens on your server (never in the browser).
// npm install jose
import { SignJWT } from "jose";

const REQIO_AUDIENCE = "${audience}";

export type ReqioUser = {
  id: string;
  email: string;
  plan: string;
  planAmount: number; // recurring charge in cents, e.g. 2900 for $29.00
  billingInterval: "month" | "year";
};

export async function mintReqioToken(user: ReqioUser): Promise<string> {
  if (!process.env.REQIO_SECRET) throw new Error(${MISSING_SECRET});
  const secret = new TextEncoder().encode(process.env.REQIO_SECRET);
  const now = Math.floor(Date.now() / 1000);

  return new SignJWT(${claims("  ")})
${signChain("    ")}
}
`;
}

function nodeSnippet(audience: string): string {
  return `// reqio-token.cjs: mint Reqio identity tokens on your server (never in the browser).
// npm install jose
// jose 6 is ESM-only: require("jose") needs Node >= 20.19, so this loads it with import(),
// which works in CommonJS on every supported Node version.
const REQIO_AUDIENCE = "${audience}";

async function mintReqioToken(user) {
  if (!process.env.REQIO_SECRET) throw new Error(${MISSING_SECRET});
  const { SignJWT } = await import("jose");
  const secret = new TextEncoder().encode(process.env.REQIO_SECRET);
  const now = Math.floor(Date.now() / 1000);

  return new SignJWT(${claims("  ")})
${signChain("    ")}
}

module.exports = { mintReqioToken };

// Try it: REQIO_SECRET=... node reqio-token.cjs prints a token for a sample user.
if (require.main === module) {
  mintReqioToken(${SAMPLE_USER})
    .then((token) => console.log(token))
    .catch((error) => {
      console.error(error.message);
      process.exitCode = 1;
    });
}
`;
}

function widgetSnippet(appUrl: string, projectId: string): string {
  return `<!-- Server-rendered pages: pass the token on the tag, no client fetch needed. -->
<!-- The first line queues window.Reqio.identify() calls made before the widget has loaded. -->
<script>window.Reqio=window.Reqio||{q:[],identify:function(t){var q=this.q;return new Promise(function(r){q.push([t,r])})}};</script>
<script
  src="${widgetScriptUrl(appUrl)}"
  data-project-id="${projectId}"
  data-identity-token="<your minted token>"
  async
></script>
`;
}

function identifySnippet(): string {
  return `// SPAs: after your user signs in, fetch a fresh token from your server and hand it to the widget.
async function identifyWithReqio() {
  const response = await fetch("/api/reqio-token", { credentials: "same-origin" });
  const { token } = await response.json();
  window.Reqio.identify(token);
}
`;
}

/** The `.env` line; `secret` is the masked form until the admin reveals it. */
export function envSnippet(secret: string): Snippet {
  return { id: "env", label: ".env", filename: ".env", language: "dotenv", code: `REQIO_SECRET=${secret}\n` };
}

export function identitySnippets(input: { appUrl: string; projectId: string; envSecret: string }): Snippet[] {
  const audience = identityAudience(input.appUrl, input.projectId);
  return [
    { id: "nextjs", label: "Next.js (ESM)", filename: "lib/reqio.ts", language: "typescript", code: nextJsSnippet(audience) },
    { id: "node", label: "Node.js (CommonJS)", filename: "reqio-token.cjs", language: "javascript", code: nodeSnippet(audience) },
    { id: "widget", label: "Widget tag", filename: "index.html", language: "html", code: widgetSnippet(input.appUrl, input.projectId) },
    { id: "identify", label: "Reqio.identify", filename: "app.js", language: "javascript", code: identifySnippet() },
    envSnippet(input.envSecret),
  ];
}
