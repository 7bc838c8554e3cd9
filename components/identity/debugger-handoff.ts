// The status panel hands a stored example to the token debugger on the same page, in the browser:
// the claims never go into a URL (they hold end users' emails).
const EVENT = "reqio:open-in-debugger";

function base64url(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** header.claims. with an empty signature: the debugger re-checks the claims only, and says so. */
export function openInDebugger(header: Record<string, unknown>, claims: Record<string, unknown>): void {
  window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: `${base64url(header)}.${base64url(claims)}.` }));
}

export function onOpenInDebugger(listener: (token: string) => void): () => void {
  const handle = (event: Event) => listener((event as CustomEvent<string>).detail);
  window.addEventListener(EVENT, handle);
  return () => window.removeEventListener(EVENT, handle);
}
