import { connection } from "next/server";
import { NotFoundMessage } from "@/components/dashboard/not-found-message";

export default async function NotFound() {
  // Rendered per request, never prerendered: a static page would carry no CSP nonce (proxy.ts),
  // so its scripts would be blocked on unknown URLs.
  await connection();
  return (
    // id="main": the target of the dashboard's skip link, whose header may be above this page.
    <main id="main" className="px-4 py-8">
      <NotFoundMessage />
    </main>
  );
}
