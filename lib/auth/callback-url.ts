// Where to go after signing in. Parsed as a URL the way the browser will (WHATWG: backslashes are
// slashes, tabs and newlines vanish, `user@host` is userinfo), not filtered by string prefix, which
// browser-normalised variants get past.

/**
 * The path to send a fresh session to: `callbackUrl` when it is a URL on the app's own origin, else the
 * dashboard ("/"). Never throws, whatever the input.
 */
export function safeCallbackUrl(callbackUrl: string | undefined, appOrigin: string): string {
  if (!callbackUrl || callbackUrl.length > 2048) return "/";
  let url: URL;
  try {
    url = new URL(callbackUrl, appOrigin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(appOrigin).origin || url.username || url.password) return "/";
  // "/.//host" resolves to the path "//host", which a router would follow as scheme-relative. No page of
  // ours has a percent-escape in its path (IDs and tokens are base62/base64url), and the parser escapes
  // spaces, controls and bidi marks, so one means a crafted value (and a later decode could make a host).
  if (url.pathname.startsWith("//") || url.pathname.includes("%")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
