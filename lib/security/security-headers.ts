// Response headers for the dashboard, computed per request by proxy.ts. No Next or React imports, so
// the policy can be unit-tested and read in one place.

/** 128 random bits, base64: unguessable, and fresh for every response (a reused nonce defeats the CSP). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Scripts run only if they carry this response's nonce (Next adds it to its own scripts when it
 * finds the policy on the request) or were loaded by one that does ('strict-dynamic'); there is
 * no 'unsafe-inline' for scripts. Styles keep 'unsafe-inline': shiki's highlighted snippets are
 * style="" attributes, which nonces can't cover, and a nonce in style-src would disable
 * 'unsafe-inline' altogether. React's dev build needs eval for its error overlays; production doesn't.
 */
export function contentSecurityPolicy(nonce: string, options: { development: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only over https: on a plain-http deployment it would send the browser to a port nobody serves.
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Headers every dashboard response gets besides the CSP. HSTS only when the request came over https. */
export function securityHeaders(options: { https: boolean }): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // For browsers that predate frame-ancestors.
    "X-Frame-Options": "DENY",
    ...(options.https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/**
 * https when the request itself was (next start behind nothing), when a TLS-terminating proxy says so,
 * or when the public URL is https (then every browser reaches us over https, whatever the hop before).
 */
export function requestIsHttps(input: { protocol: string; forwardedProto: string | null; appUrl: string | undefined }): boolean {
  if (input.protocol === "https:") return true;
  if (input.forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https") return true;
  return input.appUrl?.trim().toLowerCase().startsWith("https://") ?? false;
}

const CROSS_ORIGIN_ENDPOINT = /^\/(?:widget\.js|api\/v1\/projects\/[^/]+\/identify\/?)$/;

/**
 * The widget script and the identify endpoint are fetched from customers' sites: they keep their own
 * CORS headers and must never get the dashboard's policy (or anything else from the proxy).
 */
export function isCrossOriginEndpoint(pathname: string): boolean {
  return CROSS_ORIGIN_ENDPOINT.test(pathname);
}
