import "server-only";
import { headers } from "next/headers";

/** The caller's IP as the proxy in front of us reports it (first X-Forwarded-For hop). */
export function clientIpFrom(get: (name: string) => string | null | undefined): string {
  const forwarded = get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || get("x-real-ip")?.trim() || "unknown";
}

export async function requestContext(): Promise<{ ip: string; userAgent: string | null }> {
  const h = await headers();
  return { ip: clientIpFrom((name) => h.get(name)), userAgent: h.get("user-agent") };
}
