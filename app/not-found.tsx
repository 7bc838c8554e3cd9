import Link from "next/link";
import { connection } from "next/server";

export default async function NotFound() {
  // Rendered per request, never prerendered: a static page would carry no CSP nonce (proxy.ts),
  // so its scripts would be blocked on unknown URLs.
  await connection();
  return (
    <main className="mx-auto flex max-w-md flex-col items-center gap-3 px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-muted">This page doesn&apos;t exist, or you don&apos;t have access to it.</p>
      <Link href="/" className="font-medium text-link underline">Back to your projects</Link>
    </main>
  );
}
