import "server-only";
import { headers } from "next/headers";
import { clientAddressFromHeaders } from "@/lib/http/client-address";

/** Who is asking: the address the HTTP server stamped on the request (never X-Forwarded-For as sent). */
export async function requestContext(): Promise<{ ip: string; userAgent: string | null }> {
  const h = await headers();
  return { ip: clientAddressFromHeaders((name) => h.get(name)), userAgent: h.get("user-agent") };
}
