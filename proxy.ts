// Next 16's request proxy (formerly middleware): a fresh CSP nonce and the security headers on every
// dashboard response. It reads no cookies and sets none, and leaves the widget and identify endpoints alone.
import { NextResponse, type NextRequest } from "next/server";
import {
  contentSecurityPolicy,
  createNonce,
  isCrossOriginEndpoint,
  requestIsHttps,
  securityHeaders,
} from "@/lib/security/security-headers";
import { hasBadAuditLogFilter } from "@/lib/audit/audit-filter";

export function proxy(request: NextRequest) {
  if (isCrossOriginEndpoint(request.nextUrl.pathname)) return NextResponse.next();

  const https = requestIsHttps({
    protocol: request.nextUrl.protocol,
    forwardedProto: request.headers.get("x-forwarded-proto"),
    appUrl: process.env.APP_URL,
  });
  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, { development: process.env.NODE_ENV === "development", https });

  // Next reads the nonce from the request's CSP header while rendering and puts it on its own scripts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  requestHeaders.set("x-nonce", nonce);
  // A page can't set its status once rendering streams: bad audit-log filters make it a 400 here, and the page shows why.
  const badRequest = hasBadAuditLogFilter(request.nextUrl.pathname, request.nextUrl.searchParams);
  const response = NextResponse.next({ request: { headers: requestHeaders }, ...(badRequest ? { status: 400 } : {}) });
  response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(securityHeaders({ https }))) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static assets need no policy; the widget script is excluded here and (with identify) above.
  matcher: ["/((?!_next/static|_next/image|widget\\.js|favicon\\.ico).*)"],
};
